package dev.stoa.spi.inference;

/**
 * How the host calls a deployment: a {@link RemoteEngine} (an OpenAI-compatible HTTP server) or a
 * {@link LocalEngine} (in Stoa's process, with the same operations).
 */
public sealed interface Engine permits RemoteEngine, LocalEngine {
}
