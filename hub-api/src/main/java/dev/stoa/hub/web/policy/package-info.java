/**
 * Portal pages of platform and organisation policies.
 */
package dev.stoa.hub.web.policy;
