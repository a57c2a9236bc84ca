/**
 * Portal pages of a repository: card, files, file view, commits, checks, use snippets.
 */
package dev.stoa.hub.web.repo;
