package dev.stoa.plugins.cardcheck;

import dev.stoa.spi.Severity;

import java.util.List;

/**
 * A part a complete model card has, found by card metadata keys or by Markdown headings (case-insensitive, with
 * common synonyms; a heading counts when its words contain a synonym's words).
 */
public enum CardPart {
    LICENSE("license", Severity.MEDIUM, List.of("license"), List.of("license", "licence", "licensing"), List.of()),
    BASE_MODEL("base-model", Severity.MEDIUM, List.of("base_model"), List.of("base model", "finetuned from",
            "fine tuned from", "base models"), List.of()),
    INTENDED_USE("intended-use", Severity.LOW, List.of(), List.of("intended use", "intended uses", "uses",
            "direct use", "downstream use", "how to use", "usage", "use cases", "use case", "how to get started"),
            List.of("out of scope", "misuse")),
    LIMITATIONS("limitations", Severity.LOW, List.of(), List.of("limitations", "limitation", "risks", "bias",
            "biases", "out of scope use", "out of scope uses", "ethical considerations", "ethics", "caveats",
            "known issues", "safety", "misuse"), List.of()),
    TRAINING_DATA("training-data", Severity.LOW, List.of("datasets"), List.of("training data", "training dataset",
            "training datasets", "datasets", "dataset", "data", "training and evaluation data", "pretraining data",
            "fine tuning data"), List.of("testing data")),
    EVALUATION("evaluation", Severity.LOW, List.of("model-index"), List.of("evaluation", "evaluation results",
            "eval results", "results", "benchmarks", "benchmark", "performance", "metrics", "testing data factors and metrics"),
            List.of("evaluation data"));

    private final String code;
    private final Severity missingSeverity;
    private final List<String> cardDataKeys;
    private final List<String> headings;
    private final List<String> excludedHeadings;

    CardPart(String code, Severity missingSeverity, List<String> cardDataKeys, List<String> headings,
             List<String> excludedHeadings) {
        this.code = code;
        this.missingSeverity = missingSeverity;
        this.cardDataKeys = cardDataKeys;
        this.headings = headings;
        this.excludedHeadings = excludedHeadings;
    }

    /** The part's name in finding codes, e.g. {@code training-data}. */
    public String code() {
        return code;
    }

    public Severity missingSeverity() {
        return missingSeverity;
    }

    /** Card metadata keys whose non-empty value makes the part present. */
    public List<String> cardDataKeys() {
        return cardDataKeys;
    }

    /** Heading synonyms, as lowercase words separated by single spaces. */
    public List<String> headings() {
        return headings;
    }

    /** Words that make a heading not this part (an "Out-of-scope use" heading is no intended use). */
    public List<String> excludedHeadings() {
        return excludedHeadings;
    }

    /** A description for people, e.g. "training data". */
    public String label() {
        return code.replace('-', ' ');
    }
}
