/**
 * Git repositories stored in the object store and PostgreSQL: creating, opening and compacting them, LFS
 * pointers, and the {@code revision.published} event written with every ref move.
 * <p>Uses: {@code storage}, {@code event}, {@code config}.
 */
package dev.stoa.hub.git;
