/**
 * Secrets Stoa keeps in its database — the API keys of external models — sealed with AES-256-GCM under one key per
 * installation ({@link dev.stoa.hub.secret.SecretBox}), bound to what they belong to, never logged or answered.
 * <p>Uses: {@code config}.
 */
package dev.stoa.hub.secret;
