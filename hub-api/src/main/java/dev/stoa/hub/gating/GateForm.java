package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The access-request form of a gated repository, as its card's front matter defines it: {@code extra_gated_heading},
 * {@code extra_gated_prompt}, {@code extra_gated_description}, {@code extra_gated_button_content} and
 * {@code extra_gated_fields}, a mapping of labels to a type ({@code text}, {@code checkbox}, {@code date_picker},
 * {@code country}) or to {@code {type: select, options: [...]}}. Every field is required; a checkbox must be checked.
 *
 * @param cardCommit the main-branch commit the card was read from; null for a repository without commits
 */
public record GateForm(String heading, String prompt, String description, String buttonContent, List<Field> fields,
                       String cardCommit) {

    static final String DEFAULT_PROMPT = "You need to agree to share your contact information (user name and email)"
            + " with the repository's authors to access its files.";
    private static final int MAX_TEXT = 1000;
    private static final Set<String> COUNTRIES = countries();

    public GateForm {
        fields = List.copyOf(fields);
    }

    /**
     * One question of the form.
     *
     * @param type    text, checkbox, date_picker, country or select (unknown types are asked as text)
     * @param options the values a select accepts; empty for the other types
     */
    public record Field(String label, String type, List<Option> options) {
        public Field {
            Objects.requireNonNull(label, "label is null");
            Objects.requireNonNull(type, "type is null");
            options = List.copyOf(options);
        }
    }

    /** One choice of a select: the value sent, and the label shown (the same unless the card gives both). */
    public record Option(String label, String value) {
    }

    /** The form a card defines; the defaults of the Hub where it defines none. */
    static GateForm of(JsonNode cardData, String cardCommit) {
        JsonNode card = cardData == null || !cardData.isObject() ? JsonNodeFactory.instance.objectNode() : cardData;
        String prompt = text(card, "extra_gated_prompt");
        return new GateForm(text(card, "extra_gated_heading"), prompt == null ? DEFAULT_PROMPT : prompt,
                text(card, "extra_gated_description"), text(card, "extra_gated_button_content"),
                fields(card.get("extra_gated_fields")), cardCommit);
    }

    /**
     * Checks the answers of a request against the form and returns them normalised (label → value; checkboxes
     * {@code true}). A 400 naming the first field that is missing or wrong.
     */
    ObjectNode validate(JsonNode answers) {
        if (answers != null && !answers.isNull() && !answers.isObject()) {
            throw ApiException.invalidField("fields", "\"fields\" must be a JSON object of form labels to answers.");
        }
        ObjectNode normalised = JsonNodeFactory.instance.objectNode();
        for (Field field : fields) {
            JsonNode answer = answers == null ? null : answers.get(field.label());
            normalised.set(field.label(), check(field, answer));
        }
        if (answers != null) {
            for (Iterator<String> names = answers.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (fields.stream().noneMatch(f -> f.label().equals(name))) {
                    throw ApiException.invalidField(name, "The form of this repository has no field \"" + name
                            + "\"; its fields are " + labels() + ".");
                }
            }
        }
        return normalised;
    }

    private JsonNode check(Field field, JsonNode answer) {
        String label = field.label();
        if (answer == null || answer.isNull() || (answer.isTextual() && answer.asText().isBlank())) {
            throw ApiException.invalidField(label, "The field \"" + label + "\" is required: "
                    + expectation(field) + ".");
        }
        if (field.type().equals("checkbox")) {
            boolean checked = answer.isBoolean() ? answer.booleanValue()
                    : answer.isTextual() && Set.of("true", "on", "yes").contains(answer.asText().toLowerCase(Locale.ROOT));
            if (!checked) {
                throw ApiException.invalidField(label, "The checkbox \"" + label + "\" must be checked (send true) to request access.");
            }
            return JsonNodeFactory.instance.booleanNode(true);
        }
        if (!answer.isTextual()) {
            throw ApiException.invalidField(label, "The field \"" + label + "\" takes a string: " + expectation(field) + ".");
        }
        String value = answer.asText().strip();
        switch (field.type()) {
            case "date_picker" -> {
                try {
                    LocalDate.parse(value);
                } catch (DateTimeParseException e) {
                    throw ApiException.invalidField(label, "The field \"" + label + "\" takes a date as YYYY-MM-DD, not '" + value + "'.");
                }
            }
            case "country" -> {
                if (!COUNTRIES.contains(value.toLowerCase(Locale.ROOT))) {
                    throw ApiException.invalidField(label, "The field \"" + label + "\" takes a country: its English name or"
                            + " ISO 3166 two-letter code, not '" + value + "'.");
                }
            }
            case "select" -> {
                if (field.options().stream().noneMatch(o -> o.value().equals(value))) {
                    throw ApiException.invalidField(label, "The field \"" + label + "\" takes one of "
                            + field.options().stream().map(o -> "'" + o.value() + "'").toList() + ", not '" + value + "'.");
                }
            }
            default -> {
                if (value.length() > MAX_TEXT) {
                    throw ApiException.invalidField(label, "The field \"" + label + "\" takes at most " + MAX_TEXT + " characters.");
                }
            }
        }
        return JsonNodeFactory.instance.textNode(value);
    }

    private static String expectation(Field field) {
        return switch (field.type()) {
            case "checkbox" -> "check it (send true)";
            case "date_picker" -> "send a date as YYYY-MM-DD";
            case "country" -> "send a country's English name or ISO 3166 two-letter code";
            case "select" -> "send one of " + field.options().stream().map(o -> "'" + o.value() + "'").toList();
            default -> "send a non-empty string";
        };
    }

    private List<String> labels() {
        return fields.stream().map(f -> "\"" + f.label() + "\"").toList();
    }

    private static List<Field> fields(JsonNode spec) {
        List<Field> fields = new ArrayList<>();
        if (spec == null || !spec.isObject()) {
            return fields;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = spec.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode value = entry.getValue();
            String type = value.isTextual() ? value.asText() : value.path("type").asText("text");
            List<Option> options = new ArrayList<>();
            for (JsonNode option : value.path("options")) {
                if (option.isObject()) {
                    String optionValue = option.path("value").asText(option.path("label").asText(""));
                    options.add(new Option(option.path("label").asText(optionValue), optionValue));
                } else if (option.isValueNode()) {
                    options.add(new Option(option.asText(), option.asText()));
                }
            }
            fields.add(new Field(entry.getKey(), type.isBlank() ? "text" : type, type.equals("select") ? options : List.of()));
        }
        return fields;
    }

    private static String text(JsonNode card, String key) {
        JsonNode value = card.get(key);
        return value != null && value.isValueNode() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static Set<String> countries() {
        Set<String> names = new TreeSet<>();
        Arrays.stream(Locale.getISOCountries()).forEach(code -> {
            names.add(code.toLowerCase(Locale.ROOT));
            names.add(Locale.of("", code).getDisplayCountry(Locale.ENGLISH).toLowerCase(Locale.ROOT));
        });
        return names;
    }
}
