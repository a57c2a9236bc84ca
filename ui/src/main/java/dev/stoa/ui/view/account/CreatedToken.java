package dev.stoa.ui.view.account;

/**
 * A token just created: its name and the secret, shown this once.
 *
 * @param clientSecret the same secret spelled for clients that take only tokens starting with {@code hf_}
 *                     (Hugging Face's JavaScript client)
 */
public record CreatedToken(String name, String secret, String clientSecret) {
}
