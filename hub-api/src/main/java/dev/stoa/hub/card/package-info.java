/**
 * Model and dataset cards: the YAML front matter, its validation rules, the metadata and lineage read from a
 * revision's card and safetensors headers, kept up to date by consuming {@code revision.published} events.
 * <p>Uses: {@code repo}, {@code git}, {@code blob}, {@code storage}, {@code event}.
 */
package dev.stoa.hub.card;
