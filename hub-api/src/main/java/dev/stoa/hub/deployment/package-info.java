/**
 * Deployments: a model and LoRA adapters on it, pinned to commits, served by a runner for a user or an organisation
 * until deleted. Owns the deployments API ({@code /api/v1/deployments}), who may deploy (writers of the model, within
 * quotas per owner that administrators set), each deployment's status history (on the event stream, hence the audit
 * trail), and the live engines of this replica ({@link dev.stoa.hub.deployment.DeploymentRuntime}): started on
 * creation, stopped after their idle time (scale to zero), woken by the next request, resumed when Stoa restarts and
 * closed when their deployment is deleted anywhere. The gateway asks it for a deployment serving a request's model
 * before it serves one on demand.
 * <p>Uses: {@code inference}, {@code plugin}, {@code access}, {@code repo}, {@code identity}, {@code event},
 * {@code db}, {@code config}, {@code error}.
 */
package dev.stoa.hub.deployment;
