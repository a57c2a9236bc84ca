package dev.stoa.plugins.cardcheck;

import dev.stoa.spi.CheckContext;
import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Evaluator;
import dev.stoa.spi.Metric;
import dev.stoa.spi.RepoKind;
import dev.stoa.spi.Revision;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a model card's completeness from 0 to 100 ({@code card.score}): the share of the {@link CardPart parts}
 * that apply (the base model only for derived models) that the card has with real content. Reports each missing
 * part and each placeholder section as a finding, front matter the host could not read, and the {@code model-index}
 * results as {@code eval.*} metrics. The verdict is {@code WARN} under the configured minimum score, when the card is
 * missing or when its front matter is invalid; {@code PASS} otherwise. Stateless and thread-safe.
 */
public final class CardEvaluator implements Evaluator {

    private static final Set<RepoKind> DERIVED = EnumSet.of(RepoKind.ADAPTER, RepoKind.FINETUNE, RepoKind.MERGE,
            RepoKind.QUANTIZED);
    private static final String README = "README.md";

    private final int minScore;
    private final long maxReadmeBytes;

    /**
     * @param minScore       the score under which the verdict is {@code WARN}
     * @param maxReadmeBytes how much of README.md is read to look at its front matter
     */
    public CardEvaluator(int minScore, long maxReadmeBytes) {
        this.minScore = minScore;
        this.maxReadmeBytes = maxReadmeBytes;
    }

    private enum Presence { PRESENT, PLACEHOLDER, MISSING }

    @Override
    public boolean appliesTo(Revision revision) {
        return "model".equals(revision.repository().type());
    }

    @Override
    public CheckResult evaluate(Revision revision, CheckContext context) throws IOException {
        CheckResult.Builder result = CheckResult.builder();
        boolean hasCard = revision.file(README).isPresent();
        boolean yamlInvalid = false;
        if (!hasCard) {
            result.finding(Severity.MEDIUM, "card.missing", null,
                    "The repository has no README.md model card.");
        } else {
            String problem = frontMatterProblem(revision);
            if (problem != null) {
                yamlInvalid = true;
                result.finding(Severity.MEDIUM, "card.yaml-invalid", README, problem);
            }
        }

        List<CardSections.Section> sections = CardSections.parse(revision.cardText());
        ModelIndex modelIndex = ModelIndex.read(revision.cardData().get("model-index"));
        modelIndex.findings().forEach(result::finding);
        modelIndex.metrics().forEach(result::metric);

        List<CardPart> applicable = new ArrayList<>(List.of(CardPart.values()));
        if (!DERIVED.contains(revision.kind())) {
            applicable.remove(CardPart.BASE_MODEL);
        }
        List<String> lacking = new ArrayList<>();
        int present = 0;
        for (CardPart part : applicable) {
            switch (presence(part, revision, sections, modelIndex)) {
                case PRESENT -> present++;
                case PLACEHOLDER -> {
                    lacking.add(part.label());
                    result.finding(Severity.LOW, "card.placeholder." + part.code(), README, "The card's "
                            + part.label() + " section is only a placeholder; fill it in.");
                }
                case MISSING -> {
                    lacking.add(part.label());
                    result.finding(part.missingSeverity(), "card.missing." + part.code(), README, missingMessage(part));
                }
            }
        }
        int score = (int) Math.round(100.0 * present / applicable.size());
        result.metric(Metric.number("card.score", score, null))
                .metric(Metric.count("card.parts.missing", lacking.size()));
        result.verdict(score < minScore || yamlInvalid || !hasCard ? Verdict.WARN : Verdict.PASS);
        result.summary("Card score **" + score + "/100**" + (lacking.isEmpty() ? "; every part is there."
                : "; missing: " + String.join(", ", lacking) + ".")
                + (modelIndex.metrics().isEmpty() ? "" : " " + modelIndex.metrics().size() + " evaluation results."));
        return result.build();
    }

    private static Presence presence(CardPart part, Revision revision, List<CardSections.Section> sections,
                                     ModelIndex modelIndex) {
        Map<String, Object> card = revision.cardData();
        for (String key : part.cardDataKeys()) {
            if (key.equals("model-index") ? !modelIndex.metrics().isEmpty() : hasValue(card.get(key))) {
                return Presence.PRESENT;
            }
        }
        if (part == CardPart.BASE_MODEL && !revision.baseModelNames().isEmpty()) {
            return Presence.PRESENT;
        }
        Presence found = Presence.MISSING;
        for (CardSections.Section section : sections) {
            boolean matches = part.headings().stream().anyMatch(h -> CardSections.containsPhrase(section.words(), h))
                    && part.excludedHeadings().stream().noneMatch(h -> CardSections.containsPhrase(section.words(), h));
            if (matches) {
                if (!section.isPlaceholder()) {
                    return Presence.PRESENT;
                }
                found = Presence.PLACEHOLDER;
            }
        }
        return found;
    }

    private static boolean hasValue(Object value) {
        return value instanceof String s ? !s.isBlank()
                : value instanceof List<?> l ? !l.isEmpty()
                : value instanceof Map<?, ?> m ? !m.isEmpty()
                : value != null;
    }

    private static String missingMessage(CardPart part) {
        return switch (part) {
            case LICENSE -> "The card declares no license: add 'license:' to its metadata.";
            case BASE_MODEL -> "The card does not name the base model: add 'base_model:' to its metadata.";
            case INTENDED_USE -> "The card does not say what the model is for: add an 'Intended uses' section.";
            case LIMITATIONS -> "The card does not describe limitations, biases or risks: add a 'Bias, risks and limitations' section.";
            case TRAINING_DATA -> "The card does not describe the training data: add 'datasets:' or a 'Training data' section.";
            case EVALUATION -> "The card reports no evaluation: add 'model-index' results or an 'Evaluation' section.";
        };
    }

    /**
     * Why README.md's front matter was not read, or {@code null}: the host gives an empty {@code cardData} for
     * front matter it cannot parse, so a README that opens one with content while {@code cardData} is empty had
     * invalid YAML.
     */
    private String frontMatterProblem(Revision revision) throws IOException {
        String head;
        try (InputStream in = revision.openRange(README, 0, maxReadmeBytes)) {
            head = new String(in.readNBytes((int) Math.min(maxReadmeBytes, Integer.MAX_VALUE - 8)), StandardCharsets.UTF_8);
        }
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1);
        }
        List<String> lines = head.lines().toList();
        if (lines.isEmpty() || !lines.getFirst().strip().equals("---")) {
            return null;
        }
        int close = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                close = i;
                break;
            }
        }
        if (close < 0) {
            return "README.md opens a YAML front matter block with '---' but never closes it.";
        }
        boolean hasYaml = lines.subList(1, close).stream().anyMatch(l -> !l.isBlank() && !l.strip().startsWith("#"));
        if (hasYaml && revision.cardData().isEmpty()) {
            return "README.md's YAML front matter could not be parsed, so the card's metadata (license, base model, "
                    + "datasets, model-index...) is lost; fix the YAML syntax.";
        }
        return null;
    }
}
