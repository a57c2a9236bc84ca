package dev.stoa.ui.view.account;

import java.util.List;

/**
 * One question of a gated repository's access form, ready for an HTML form.
 *
 * @param param   the form parameter it is sent as ({@code field0}, {@code field1}, ...): labels may hold any character
 * @param label   the question, as the card words it (escaped when shown)
 * @param type    {@code text}, {@code checkbox}, {@code date}, {@code country} or {@code select}
 * @param options the choices of a select or country field
 * @param value   the answer typed last, kept after a refusal
 * @param checked whether a checkbox was checked last
 */
public record GateFieldView(String param, String label, String type, List<Choice> options, String value,
                            boolean checked) {

    /** One choice; {@code selected} when it was the last answer. */
    public record Choice(String label, String value, boolean selected) {
    }
}
