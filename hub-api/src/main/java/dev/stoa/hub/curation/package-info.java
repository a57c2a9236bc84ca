/**
 * Curation: organisations' curators, requests to curate a revision, their review queue, the eligibility
 * rules (checks and policy), and the curated tags written when a request is approved.
 * <p>Uses: {@code policy}, {@code check}, {@code repo}, {@code access}, {@code git}, {@code identity}, {@code event},
 * {@code error}.
 */
package dev.stoa.hub.curation;
