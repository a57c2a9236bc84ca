package dev.stoa.hub.sso;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RejectedTokenLogTest {

    @Test
    void aRefusedTokenQuotedByTheJwtLibraryNeverReachesTheLog() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
        String message = "JWT processing failed. Additional details: [[17] Unable to process JOSE object (cause: "
                + "org.jose4j.lang.JoseException: Invalid signature): JsonWebSignature{\"alg\":\"RS256\"}->" + jwt + "]";

        String logged = SsoProvider.withoutTokens(message);

        assertThat(logged).doesNotContain(jwt).doesNotContain("c2lnbmF0dXJl")
                .contains("<token>").contains("org.jose4j.lang.JoseException: Invalid signature");
    }
}
