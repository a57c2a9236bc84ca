package dev.stoa.hub.card;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.Optional;

/**
 * The YAML front matter of a model or dataset card: the block between a first line {@code ---} and the next
 * line {@code ---}, as the Hub reads it.
 */
public final class FrontMatter {

    private static final YAMLMapper YAML = new YAMLMapper();

    private FrontMatter() {
    }

    /** The card's front matter could not be read; the message says where and how to fix it. */
    public static final class InvalidFrontMatter extends Exception {
        InvalidFrontMatter(String message) {
            super(message, null, false, false);
        }
    }

    /** The YAML text of the front matter, or empty when the card has none. */
    public static Optional<String> yamlOf(String card) throws InvalidFrontMatter {
        String text = card.startsWith("\uFEFF") ? card.substring(1) : card;
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            return Optional.empty();
        }
        StringBuilder yaml = new StringBuilder();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].strip().equals("---")) {
                return Optional.of(yaml.toString());
            }
            yaml.append(lines[i]).append('\n');
        }
        throw new InvalidFrontMatter("The metadata block that starts with '---' on the first line is never closed:"
                + " end it with a line '---'.");
    }

    /** The front matter as a JSON object; an empty object when the card has none. */
    public static ObjectNode parse(String card) throws InvalidFrontMatter {
        Optional<String> yaml = yamlOf(card);
        if (yaml.isEmpty() || yaml.get().isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = YAML.readTree(yaml.get());
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " (line " + (e.getLocation().getLineNr() + 1) + " of the card)";
            throw new InvalidFrontMatter("The metadata is not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidFrontMatter("The metadata must be a YAML mapping of keys to values (e.g. 'license: mit'),"
                    + " not a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return object;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
