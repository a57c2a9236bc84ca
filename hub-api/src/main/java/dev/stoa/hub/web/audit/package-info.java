/**
 * Portal pages of the audit trail.
 */
package dev.stoa.hub.web.audit;
