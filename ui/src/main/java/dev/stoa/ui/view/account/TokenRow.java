package dev.stoa.ui.view.account;

/**
 * One access token as the tokens page lists it; never its secret.
 *
 * @param prefix    the first characters of the secret, to tell tokens apart
 * @param limit     what it is limited to, in words ("Repositories: a/b, c/d"), or {@code null} for none
 * @param expires   the expiry date, or {@code null} for a token that does not expire
 * @param lastUsed  when it was last used (to the minute), or {@code null} when never
 * @param expired   whether it has expired (it is listed until revoked)
 */
public record TokenRow(String id, String name, String prefix, String scope, String created, String expires,
                       String lastUsed, String limit, boolean expired) {
}
