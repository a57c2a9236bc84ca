/**
 * Portal pages for finding repositories: home, search with facets, namespaces, likes.
 */
package dev.stoa.hub.web.browse;
