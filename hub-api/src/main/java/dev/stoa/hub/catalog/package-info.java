/**
 * Finding repositories: listing, search, filters and facets, sorting, and likes, each answering only what the
 * caller may read (the condition comes from {@code access}).
 * <p>Uses: {@code repo}, {@code access}, {@code identity}, {@code db}, {@code error}.
 */
package dev.stoa.hub.catalog;
