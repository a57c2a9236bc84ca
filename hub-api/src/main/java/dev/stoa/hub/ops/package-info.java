/**
 * Running Stoa: the base URL links are built from, HSTS, request ids, large request bodies, shared stream and
 * date helpers, and {@link dev.stoa.hub.ops.PublicRoute}, which marks the routes anyone may call.
 * <p>Uses: {@code config}.
 */
package dev.stoa.hub.ops;
