/**
 * How refusals are made and answered: {@link dev.stoa.hub.error.ApiException} and its rendering in each route
 * family's format (problem+json, the Hub's JSON and headers, git-lfs JSON, a portal page that the portal supplies
 * through {@link dev.stoa.hub.error.PortalErrorPage}).
 * <p>Uses: nothing of Stoa.
 */
package dev.stoa.hub.error;
