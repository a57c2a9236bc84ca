/**
 * External models: models Stoa does not hold — a closed API, an OpenAI-compatible server run elsewhere — that an
 * administrator registers ({@code /api/v1/external-models}) with its provider, base URL, upstream name and API key
 * (sealed in the database, never answered or logged), for everyone signed in or for one organisation. Requests name
 * them {@code external/<name>}; a runner (the OpenAI-compatible endpoint runner by default) turns a registration
 * into the engine the gateway forwards to, so open and closed models are called, listed and evaluated alike.
 * <p>Uses: {@code inference}, {@code plugin}, {@code secret}, {@code identity}, {@code event}, {@code db},
 * {@code config}, {@code error}.
 */
package dev.stoa.hub.external;
