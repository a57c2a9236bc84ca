package dev.stoa.hub.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How complete a card is, measured against two standards of documentation: the sections of Mitchell et al.'s model
 * cards ("Model Cards for Model Reporting", 2019) — or, for a dataset, Gebru et al.'s datasheets ("Datasheets for
 * Datasets", 2021) — and the documentation the EU AI Act asks of general-purpose model providers (Annex XI, section 1:
 * architecture and parameters, intended and prohibited uses, training data provenance, evaluation and bias-detection
 * results, energy). A field counts as present when the card has a section whose heading names it, its metadata holds it,
 * or what Stoa knows supplies it (safetensors headers, evaluations run here); each field says where it was found.
 */
public final class CardCompleteness {

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    /** One documented field and whether the card (or Stoa) supplies it. */
    public record Field(String id, String framework, String name, boolean present, String evidence) {
    }

    /** What Stoa knows beyond the card. */
    public record Known(boolean headersRead, boolean evaluations, boolean biasEvaluations) {
    }

    private CardCompleteness() {
    }

    public static List<Field> model(Map<String, Object> metadata, String markdown, Known known) {
        List<String> headings = headings(markdown);
        List<Field> fields = new ArrayList<>();
        String mitchell = "Model cards (Mitchell et al., 2019)";
        fields.add(section(mitchell, "model_details", "Model details", headings, metadata,
                List.of("model details", "model description", "model summary"), List.of("license")));
        fields.add(section(mitchell, "intended_use", "Intended use", headings, metadata,
                List.of("intended use", "uses", "direct use", "how to use"), List.of()));
        fields.add(section(mitchell, "factors", "Factors", headings, metadata,
                List.of("factors", "relevant factors"), List.of()));
        fields.add(section(mitchell, "metrics", "Metrics", headings, metadata,
                List.of("metrics", "model performance measures"), List.of("metrics")));
        fields.add(section(mitchell, "evaluation_data", "Evaluation data", headings, metadata,
                List.of("evaluation data", "testing data", "evaluation"), List.of()));
        fields.add(section(mitchell, "training_data", "Training data", headings, metadata,
                List.of("training data", "training details", "training"), List.of("datasets")));
        fields.add(withKnown(section(mitchell, "quantitative_analyses", "Quantitative analyses", headings, metadata,
                List.of("quantitative analyses", "results", "evaluation results"), List.of("model-index")),
                known.evaluations(), "evaluations run on Stoa"));
        fields.add(section(mitchell, "ethical_considerations", "Ethical considerations", headings, metadata,
                List.of("ethical considerations", "bias, risks", "risks", "ethics"), List.of()));
        fields.add(section(mitchell, "caveats_recommendations", "Caveats and recommendations", headings, metadata,
                List.of("caveats", "recommendations", "limitations"), List.of()));

        String act = "EU AI Act, Annex XI (general-purpose models)";
        fields.add(withKnown(section(act, "architecture_parameters", "Architecture and number of parameters", headings,
                metadata, List.of("architecture", "model architecture", "technical specifications"), List.of()),
                known.headersRead(), "the safetensors headers and config.json"));
        fields.add(section(act, "intended_tasks", "Tasks the model is intended to perform", headings, metadata,
                List.of("intended use", "uses", "direct use", "downstream use"), List.of("pipeline_tag")));
        fields.add(section(act, "acceptable_use", "Acceptable use policy and prohibited uses", headings, metadata,
                List.of("out-of-scope use", "out of scope", "prohibited", "acceptable use", "misuse"), List.of()));
        fields.add(section(act, "licence", "Licence", headings, metadata, List.of("license", "licence"),
                List.of("license")));
        fields.add(section(act, "training_data_provenance", "Training data: type, provenance and curation", headings,
                metadata, List.of("training data", "data provenance", "training procedure"), List.of("datasets")));
        fields.add(withKnown(section(act, "evaluation_results", "Evaluation results", headings, metadata,
                List.of("evaluation", "results"), List.of("model-index")), known.evaluations(),
                "evaluations run on Stoa"));
        fields.add(withKnown(section(act, "bias_detection", "Bias detection: methods and results", headings, metadata,
                List.of("bias", "fairness"), List.of()), known.biasEvaluations(), "bias evaluations run on Stoa"));
        fields.add(section(act, "energy", "Energy consumption of training", headings, metadata,
                List.of("environmental impact", "energy", "carbon", "compute infrastructure"),
                List.of("co2_eq_emissions")));
        return fields;
    }

    public static List<Field> dataset(Map<String, Object> metadata, String markdown) {
        List<String> headings = headings(markdown);
        String gebru = "Datasheets for datasets (Gebru et al., 2021)";
        return List.of(
                section(gebru, "motivation", "Motivation", headings, metadata,
                        List.of("motivation", "dataset summary", "dataset description"), List.of()),
                section(gebru, "composition", "Composition", headings, metadata,
                        List.of("composition", "dataset structure", "data fields", "data instances"), List.of()),
                section(gebru, "collection", "Collection process", headings, metadata,
                        List.of("collection", "data collection", "source data"), List.of("source_datasets")),
                section(gebru, "preprocessing", "Preprocessing, cleaning and labelling", headings, metadata,
                        List.of("preprocessing", "annotations", "cleaning", "labeling", "labelling"), List.of()),
                section(gebru, "uses", "Uses", headings, metadata, List.of("uses", "intended use"),
                        List.of("task_categories")),
                section(gebru, "distribution", "Distribution and licence", headings, metadata,
                        List.of("distribution", "licensing information", "license"), List.of("license")),
                section(gebru, "maintenance", "Maintenance", headings, metadata,
                        List.of("maintenance", "contact", "dataset curators"), List.of()),
                section(gebru, "bias", "Social impact, biases and limitations", headings, metadata,
                        List.of("bias", "social impact", "limitations", "personal and sensitive"), List.of()));
    }

    /** The share of present fields, from 0 to 1. */
    public static double score(List<Field> fields) {
        return fields.isEmpty() ? 0 : (double) fields.stream().filter(Field::present).count() / fields.size();
    }

    private static Field section(String framework, String id, String name, List<String> headings,
            Map<String, Object> metadata, List<String> headingWords, List<String> metadataKeys) {
        for (String key : metadataKeys) {
            Object value = metadata.get(key);
            if (value != null && !(value instanceof String s && s.isBlank())
                    && !(value instanceof List<?> l && l.isEmpty())) {
                return new Field(id, framework, name, true, "metadata: " + key);
            }
        }
        for (String heading : headings) {
            for (String words : headingWords) {
                if (heading.contains(words)) {
                    return new Field(id, framework, name, true, "section: " + heading);
                }
            }
        }
        return new Field(id, framework, name, false, "");
    }

    private static Field withKnown(Field field, boolean known, String evidence) {
        return field.present() || !known ? field : new Field(field.id(), field.framework(), field.name(), true, evidence);
    }

    private static List<String> headings(String markdown) {
        List<String> headings = new ArrayList<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            headings.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return headings;
    }
}
