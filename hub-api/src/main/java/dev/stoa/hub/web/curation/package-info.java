/**
 * Portal pages of the curation queue and curation requests.
 */
package dev.stoa.hub.web.curation;
