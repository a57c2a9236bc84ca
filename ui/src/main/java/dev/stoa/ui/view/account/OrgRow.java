package dev.stoa.ui.view.account;

/** An organisation the viewer belongs to, with the viewer's role in it. */
public record OrgRow(String name, String fullname, String role) {
}
