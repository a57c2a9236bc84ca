package dev.stoa.spi.inference;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A runner's answer to "can you serve this?": accepted, or the reasons why not, each in words a person
 * understands ("rank 128 is above this runner's maximum of 64").
 *
 * @param refusals empty when accepted
 */
public record Admission(List<Refusal> refusals) {

    public Admission {
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    /** The runner can serve the spec. */
    public static Admission accept() {
        return new Admission(List.of());
    }

    /** The runner cannot serve the spec, for these reasons (at least one). */
    public static Admission refuse(List<Refusal> refusals) {
        if (refusals == null || refusals.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one reason");
        }
        return new Admission(refusals);
    }

    /** Whether the runner can serve the spec. */
    public boolean accepted() {
        return refusals.isEmpty();
    }

    /** The reasons, one sentence each, joined for a message. */
    public String summary() {
        return refusals.stream().map(Refusal::message).collect(Collectors.joining("; "));
    }

    /** What kind of limit a refusal is about, so the portal can group and explain them. */
    public enum Reason {
        /** The model's architecture or family. */
        ARCHITECTURE,
        /** The weights' data type. */
        DTYPE,
        /** The model's size against the runner's limits. */
        SIZE,
        /** An adapter's rank above the runner's maximum. */
        ADAPTER_RANK,
        /** An adapter targets modules the runner cannot apply it to. */
        TARGET_MODULES,
        /** An adapter carries whole weights ({@code lm_head}, {@code embed_tokens}, {@code modules_to_save}). */
        ADAPTER_WEIGHTS,
        /** An adapter was trained on another base model than the deployment's. */
        ADAPTER_BASE,
        /** Resources the runner cannot provide (GPUs, memory). */
        RESOURCES,
        /** The task, files or anything else. */
        OTHER
    }

    /**
     * One reason.
     *
     * @param reason  its kind
     * @param message a sentence a person understands
     */
    public record Refusal(Reason reason, String message) {

        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
