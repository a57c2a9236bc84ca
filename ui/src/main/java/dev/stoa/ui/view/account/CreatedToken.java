package dev.stoa.ui.view.account;

/** A token just created: its name and the secret, shown this once. */
public record CreatedToken(String name, String secret) {
}
