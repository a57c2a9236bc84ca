/**
 * Stoa's typed configuration ({@code stoa.*}).
 * <p>Uses: nothing of Stoa.
 */
package dev.stoa.hub.config;
