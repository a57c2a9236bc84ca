/**
 * Helpers for testing plugins without a Stoa server, with any test framework (JDK only):
 * {@link dev.stoa.spi.testkit.InMemoryRevision} builds a revision from bytes or files and counts what a plugin
 * reads; {@link dev.stoa.spi.testkit.PluginTestKit} loads a plugin as the host does and creates its extensions
 * with a validated configuration; {@link dev.stoa.spi.testkit.CheckResultAssert} asserts verdicts, findings and
 * metrics with messages that show the whole result. For runners: {@link dev.stoa.spi.testkit.TinyModel} writes tiny
 * random-weight models and LoRA adapters (and tokenizes as they do), {@link dev.stoa.spi.testkit.ReferenceForward}
 * computes their log-probabilities and greedy continuations independently in double precision, and {@link dev.stoa.spi.testkit.RunnerHarness} serves model
 * folders to a runner and checks its conformance. For evaluators that run models:
 * {@link dev.stoa.spi.testkit.ScriptedSession} answers as scripted, and an
 * {@link dev.stoa.spi.inference.EngineSession} over a runner's engine runs a tiny model for real.
 *
 * <p>Shipped in the SPI jar, so a plugin needs no extra dependency: the SPI is {@code provided}, and the kit
 * is used from tests only.
 */
package dev.stoa.spi.testkit;
