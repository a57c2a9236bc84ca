package dev.stoa.spi;

import java.io.IOException;

/**
 * Analyses a revision: validates formats, scans for dangerous content, scores cards, runs benchmarks.
 *
 * <p><b>Lifecycle:</b> created by its {@link EvaluatorFactory} once per plugin configuration and reused for
 * many revisions. <b>Threading:</b> {@link #evaluate} may be called from several threads at once for different
 * revisions, so keep no per-revision state in fields. <b>Failures:</b> a thrown exception (or a run past the
 * deadline) is recorded as an {@link Verdict#ERROR} result by the host and never affects uploads, downloads or
 * other plugins; report problems found in the revision as findings, not exceptions.
 */
public interface Evaluator {

    /** Whether this evaluator has anything to say about the revision (e.g. it has safetensors files). */
    default boolean appliesTo(Revision revision) {
        return true;
    }

    /** Analyses the revision. Never returns {@code null}. */
    CheckResult evaluate(Revision revision, CheckContext context) throws IOException;
}
