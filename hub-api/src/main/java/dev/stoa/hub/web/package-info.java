/**
 * The portal adapter: Qute pages over the features, its sessions' CSRF protection, paths and the error page
 * it supplies to {@code error}. The pages themselves live in the {@code ui} module.
 * <p>Uses the features; no feature uses it.
 */
package dev.stoa.hub.web;
