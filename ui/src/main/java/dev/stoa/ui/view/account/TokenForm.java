package dev.stoa.ui.view.account;

import java.util.List;

/**
 * What the new-token form shows: the values typed last (kept after a refusal) and the choices.
 *
 * @param expiry        {@code 7}, {@code 30}, {@code 90}, {@code 365} (days), {@code date} or {@code never}
 * @param expiresOn     the date (YYYY-MM-DD) when {@code expiry} is {@code date}
 * @param limit         {@code none}, {@code repositories} or {@code organization}
 * @param repositories  the repositories typed, one per line
 * @param organizations the organisations the viewer belongs to, to choose the limit from
 */
public record TokenForm(String name, String scope, String expiry, String expiresOn, String limit,
                        String repositories, String organization, List<String> organizations) {

    public static TokenForm empty(List<String> organizations) {
        return new TokenForm("", "read", "90", "", "none", "", "", organizations);
    }
}
