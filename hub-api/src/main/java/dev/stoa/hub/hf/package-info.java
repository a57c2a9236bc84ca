/**
 * The Hugging Face Hub API adapter: the routes {@code huggingface_hub} and {@code @huggingface/hub} call (repository
 * info and lists, create, move, settings, commits, branches and tags, tree, paths-info, resolve, likes, preupload),
 * in the Hub's formats and headers.
 * <p>Uses the features; no feature uses it.
 */
package dev.stoa.hub.hf;
