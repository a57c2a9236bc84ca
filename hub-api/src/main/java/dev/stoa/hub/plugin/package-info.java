/**
 * Hosting plugins: loading plugin jars (built in and installed) in their own class loaders that see only the
 * SPI, their configuration, states and calls, and the plugin admin API.
 * <p>Uses: {@code identity}, {@code config}, {@code error}; the plugin SPI.
 */
package dev.stoa.hub.plugin;
