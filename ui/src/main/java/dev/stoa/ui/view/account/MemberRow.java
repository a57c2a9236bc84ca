package dev.stoa.ui.view.account;

/**
 * A member of an organisation as its members page lists it.
 *
 * @param self whether the member is the viewer (who may leave)
 */
public record MemberRow(String user, String fullname, String role, String since, boolean self) {
}
