package dev.stoa.hub.evaluation;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a task's {@code doc_to_text}, {@code doc_to_target} and {@code doc_to_choice} against a document as
 * lm-evaluation-harness does: a value naming one of the document's fields is that field; anything else is a Jinja
 * template, rendered with Jinjava. Task files are written for Python's Jinja, whose expressions may call Python's
 * string methods; those with a Java twin are rewritten to it ({@code .lower()}, {@code .upper()}, {@code .lstrip()},
 * {@code .rstrip()}, {@code .startswith()}, {@code .endswith()}, {@code .find()}, {@code .split()} with a literal or
 * no separator); list methods such as {@code .index()} work as they are. A template that fails names itself and the
 * reason.
 */
final class TaskTemplates {

    private static final int MAX_OUTPUT = 1 << 20;
    private static final Pattern EXPRESSION = Pattern.compile("\\{\\{(.*?)}}|\\{%(.*?)%}", Pattern.DOTALL);
    private static final Pattern WHOLE_EXPRESSION = Pattern.compile("\\s*\\{\\{(.*?)}}\\s*", Pattern.DOTALL);
    private static final Pattern SPLIT_LITERAL = Pattern.compile("\\.split\\(\\s*(['\"])(.*?)\\1\\s*\\)");
    private static final Map<String, String> PYTHON_METHODS = Map.of(
            ".lower()", ".toLowerCase()", ".upper()", ".toUpperCase()", ".lstrip()", ".stripLeading()",
            ".rstrip()", ".stripTrailing()", ".startswith(", ".startsWith(", ".endswith(", ".endsWith(",
            ".find(", ".indexOf(", ".split()", ".trim().split('\\\\s+')");

    private final Jinjava jinja = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false)
            .withMaxOutputSize(MAX_OUTPUT).build());

    /** A field's value as text, or the template rendered. */
    String text(String field, String template, Map<String, Object> doc) {
        if (doc.containsKey(template)) {
            return String.valueOf(doc.get(template));
        }
        RenderResult result = jinja.renderForResult(javaMethods(template), doc);
        failOn(field, template, result.getErrors());
        return result.getOutput();
    }

    /**
     * A field's value, or the value of a template that is one expression ({@code {{ choices.text }}} gives the list
     * itself); any other template rendered as text.
     */
    Object value(String field, String template, Map<String, Object> doc) {
        if (doc.containsKey(template)) {
            return doc.get(template);
        }
        Matcher whole = WHOLE_EXPRESSION.matcher(template);
        if (!whole.matches() || whole.group(1).contains("}}") || whole.group(1).contains("{{")) {
            return text(field, template, doc);
        }
        JinjavaInterpreter interpreter = jinja.newInterpreter();
        interpreter.getContext().putAll(doc);
        JinjavaInterpreter.pushCurrent(interpreter);
        try {
            Object value = interpreter.resolveELExpression(javaMethods(whole.group(1)), 1);
            failOn(field, template, interpreter.getErrors());
            return value;
        } finally {
            JinjavaInterpreter.popCurrent();
        }
    }

    /** Python string methods in the template's expressions, as their Java twins. */
    static String javaMethods(String template) {
        Matcher blocks = EXPRESSION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (blocks.find()) {
            String block = blocks.group();
            Matcher split = SPLIT_LITERAL.matcher(block);
            StringBuilder rewritten = new StringBuilder();
            while (split.find()) {
                // Java splits on a pattern and drops trailing empty parts; Python splits on the text and keeps them.
                split.appendReplacement(rewritten, Matcher.quoteReplacement(".split('" + javaQuoted(split.group(2)) + "', -1)"));
            }
            split.appendTail(rewritten);
            block = rewritten.toString();
            for (Map.Entry<String, String> method : PYTHON_METHODS.entrySet()) {
                block = block.replace(method.getKey(), method.getValue());
            }
            blocks.appendReplacement(out, Matcher.quoteReplacement(block));
        }
        blocks.appendTail(out);
        return out.toString();
    }

    /** A literal separator as a quoted pattern, escaped for a Jinja string literal. */
    private static String javaQuoted(String separator) {
        String unescaped = separator.replace("\\n", "\n").replace("\\t", "\t");
        return Pattern.quote(unescaped).replace("\\", "\\\\").replace("'", "\\'");
    }

    private static void failOn(String field, String template, List<TemplateError> errors) {
        for (TemplateError error : errors) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new TaskFailure(field + " '" + abbreviate(template) + "' failed: " + error.getMessage());
            }
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }
}
