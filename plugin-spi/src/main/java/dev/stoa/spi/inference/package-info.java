/**
 * The types of the inference runner contract ({@link dev.stoa.spi.InferenceRunner}, SPI 1.1): what a deployment
 * serves ({@link dev.stoa.spi.inference.DeploymentSpec}), the facts admission is decided from
 * ({@link dev.stoa.spi.inference.ModelFacts}), the answer ({@link dev.stoa.spi.inference.Admission}), the running
 * deployment ({@link dev.stoa.spi.inference.Deployment}) and the engine the host calls: an OpenAI-compatible
 * server ({@link dev.stoa.spi.inference.RemoteEngine}) or an in-process one
 * ({@link dev.stoa.spi.inference.LocalEngine}). Since SPI 1.2, what evaluators run models through: an
 * {@link dev.stoa.spi.inference.InferenceSession} (on a local engine: {@link dev.stoa.spi.inference.EngineSession}).
 * JDK types only.
 */
package dev.stoa.spi.inference;
