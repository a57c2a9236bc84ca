package dev.stoa.hub.identity;

import java.util.List;

/**
 * Who the identity provider says a person is, read from a verified token.
 *
 * @param issuer   the provider's issuer URL
 * @param subject  the provider's stable id of the person ({@code sub})
 * @param username the name the person signs in with ({@code preferred_username}), Stoa's name on first sign-in
 * @param email    may be null
 * @param fullname may be null
 * @param roles    realm roles
 * @param groups   group paths, e.g. {@code /orgs/acme/write}
 */
public record SsoIdentity(String issuer, String subject, String username, String email, String fullname,
                          List<String> roles, List<String> groups) {
}
