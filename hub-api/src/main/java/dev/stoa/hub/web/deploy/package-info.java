/**
 * The portal's deployment pages: a model's "Deploy" tab (each runner's verdict, the form, the model's deployments),
 * the viewer's and their organisations' deployments, and one deployment's status timeline, call snippet and
 * deletion — all through {@link dev.stoa.hub.deployment.Deployments} and its rules.
 */
package dev.stoa.hub.web.deploy;
