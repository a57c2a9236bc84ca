/**
 * Running models: which runner serves a request, and the models loaded for it. Owns the facts runners decide
 * admission from ({@link dev.stoa.hub.inference.ModelFactsReader}), resolving a request's {@code model} to a revision
 * the caller may run ({@link dev.stoa.hub.inference.ModelTargets}), on-demand serving of public models with a memory
 * budget and idle unloading ({@link dev.stoa.hub.inference.OnDemandServing}), the concurrency limit and queue of
 * in-process engines ({@link dev.stoa.hub.inference.InferenceLimiter}) and the usage metrics. Prompts and outputs
 * are never logged.
 * <p>Uses: {@code plugin}, {@code check} (the revision view plugins read), {@code card}, {@code files}, {@code repo},
 * {@code access}, {@code identity}, {@code config}, {@code error}.
 */
package dev.stoa.hub.inference;
