/**
 * Portal pages of moderators: reports and quarantines.
 */
package dev.stoa.hub.web.moderation;
