package dev.stoa.ui.view.evaluate;

/** The "run an evaluation" form as typed (shown again with the reason when refused). */
public record EvaluationForm(String task, String numFewshot, String limit) {
}
