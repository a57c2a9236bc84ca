package dev.stoa.ui.view;

/**
 * One option of a select or radio group on a publishing form.
 *
 * @param value    what the form sends
 * @param label    what the person reads
 * @param selected whether it is the chosen one
 * @param flag     a per-option fact the page's script reads (for an owner: whether its new repositories are private)
 */
public record Choice(String value, String label, boolean selected, boolean flag) {

    public Choice(String value, String label, boolean selected) {
        this(value, label, selected, false);
    }
}
