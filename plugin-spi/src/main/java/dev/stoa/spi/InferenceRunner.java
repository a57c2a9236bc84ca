package dev.stoa.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Runs a model on an input so people can try it (text generation, classification, embeddings...). Runners
 * may need a GPU; the host decides where they run (in process, or as a Kubernetes workload).
 *
 * <p>Defined in SPI 1.0 so that plugins can be written against it; Stoa hosts runners in a later release.
 * Same lifecycle, threading and failure rules as {@link Evaluator}.
 */
public interface InferenceRunner {

    /** Whether this runner can run the revision (its library, architecture and task). */
    boolean supports(Revision revision);

    /** Runs the model once. Never returns {@code null}. */
    Response run(Revision revision, Request request, CheckContext context) throws IOException;

    /**
     * One inference request.
     *
     * @param task   the task, as the Hub names pipelines ({@code text-generation}, ...)
     * @param inputs the task's inputs as plain Java values
     */
    record Request(String task, Map<String, Object> inputs) {
        public Request {
            inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        }
    }

    /**
     * The outcome of one request.
     *
     * @param outputs the task's outputs as plain Java values
     * @param metrics measurements such as latency or tokens per second
     */
    record Response(Map<String, Object> outputs, java.util.List<Metric> metrics) {
        public Response {
            outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
            metrics = metrics == null ? java.util.List.of() : java.util.List.copyOf(metrics);
        }
    }
}
