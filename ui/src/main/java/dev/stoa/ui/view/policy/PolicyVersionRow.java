package dev.stoa.ui.view.policy;

import java.util.List;

/**
 * One saved version of a policy in the editor's history.
 *
 * @param rules the version's rules in words, one a line
 */
public record PolicyVersionRow(int version, String author, String when, String note, List<String> rules) {
}
