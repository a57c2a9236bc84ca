/**
 * JGit's DFS storage on Stoa: packs in the object store, the pack list and refs in PostgreSQL, each ref
 * update a compare-and-swap that commits together with its event.
 * <p>Uses: {@code storage}, {@code event}, {@code db}.
 */
package dev.stoa.hub.git.storage;
