/**
 * Audit reports: one standardized document per revision assembled from what Stoa knows — identity, lineage, licence,
 * security scans and quarantines, card completeness against model cards and the EU AI Act's documentation fields,
 * evaluations with their provenance, the governance trail — as JSON and as a self-contained HTML document.
 * <p>Uses: {@code access}, {@code audit}, {@code card}, {@code check}, {@code curation}, {@code error}, {@code evaluation},
 * {@code files}, {@code gating}, {@code identity}, {@code inference}, {@code moderation}, {@code repo}.
 */
package dev.stoa.hub.auditreport;
