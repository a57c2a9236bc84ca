package dev.stoa.hub.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a task asks about one document, as lm-evaluation-harness builds it: the prompt ({@code doc_to_text}), the
 * choices ({@code doc_to_choice} or the YAML's own list), the gold answer ({@code doc_to_target}: an index, a choice's
 * text or free text) and the whole context — description, few-shot examples each followed by its answer, the prompt.
 */
final class TaskPrompts {

    private final TaskDefinition task;
    private final TaskTemplates templates = new TaskTemplates();

    TaskPrompts(TaskDefinition task) {
        this.task = task;
    }

    String text(Map<String, Object> doc) {
        return templates.text("doc_to_text", task.docToText(), doc);
    }

    boolean hasChoices() {
        return task.docToChoice().isPresent() || !task.fixedChoices().isEmpty();
    }

    List<String> choices(Map<String, Object> doc) {
        if (!task.fixedChoices().isEmpty()) {
            return task.fixedChoices();
        }
        String template = task.docToChoice().orElseThrow(() -> new TaskFailure("The task has no doc_to_choice."));
        Object value = templates.value("doc_to_choice", template, doc);
        if (!(value instanceof List<?> list) || list.size() < 2) {
            throw new TaskFailure("doc_to_choice '" + TaskTemplates.abbreviate(template) + "' must give a list of at"
                    + " least two choices; it gave " + TaskTemplates.abbreviate(String.valueOf(value)) + ".");
        }
        List<String> choices = new ArrayList<>(list.size());
        list.forEach(c -> choices.add(String.valueOf(c)));
        return choices;
    }

    /** The gold choice's index: {@code doc_to_target} as a number, or as one of the choices' texts. */
    int gold(Map<String, Object> doc, List<String> choices) {
        Object target = target(doc);
        int index;
        if (target instanceof Number n) {
            index = n.intValue();
        } else if (String.valueOf(target).strip().matches("-?\\d{1,9}")) {
            index = Integer.parseInt(String.valueOf(target).strip());
        } else {
            index = choices.indexOf(String.valueOf(target));
        }
        if (index < 0 || index >= choices.size()) {
            throw new TaskFailure("doc_to_target gave '" + TaskTemplates.abbreviate(String.valueOf(target))
                    + "', which is neither a choice nor an index of the " + choices.size() + " choices.");
        }
        return index;
    }

    /** The gold answer as text: the gold choice where the task has choices, else the target itself. */
    String targetText(Map<String, Object> doc) {
        if (hasChoices()) {
            List<String> choices = choices(doc);
            return choices.get(gold(doc, choices));
        }
        return String.valueOf(target(doc));
    }

    private Object target(Map<String, Object> doc) {
        Object target = templates.value("doc_to_target", task.docToTarget(), doc);
        if (target instanceof List<?>) {
            throw new TaskFailure("doc_to_target gave a list; Stoa scores one gold answer per document.");
        }
        return target;
    }

    /** The description, each example with its answer, then the document's prompt. */
    String context(Map<String, Object> doc, List<Map<String, Object>> examples) {
        StringBuilder context = new StringBuilder();
        if (!task.description().isEmpty()) {
            context.append(templates.text("description", task.description(), doc));
        }
        for (Map<String, Object> example : examples) {
            context.append(text(example)).append(task.targetDelimiter()).append(targetText(example))
                    .append(task.fewshotDelimiter());
        }
        return context.append(text(doc)).toString();
    }
}
