package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The verification tokens Stoa puts on published results ({@code verifyToken}): what was measured — the run, the
 * pinned model and task, the metric, its value and error, and the SHA-256 of the run record — signed with a key derived
 * from Stoa's secret key. Anyone can have a token checked ({@code POST /api/v1/evaluations/verify}); a changed value,
 * model or record no longer verifies.
 */
@ApplicationScoped
class ResultTokens {

    private static final String PURPOSE = "evaluation-result";
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final SecretBox secrets;

    ResultTokens(SecretBox secrets) {
        this.secrets = secrets;
    }

    /** A token for one metric of a succeeded run. */
    String issue(EvaluationRow run, String metric) {
        JsonNode score = run.metrics().orElseThrow().path(metric);
        ObjectNode claims = EvaluationRuns.JSON.createObjectNode().put("v", 1).put("run", run.id().toString())
                .put("model", run.record().path("model").path("pinned").asText(run.model()))
                .put("task", run.task() + "@" + run.datasetCommit()).put("metric", metric)
                .put("value", score.path("value").asDouble()).put("stderr", score.path("stderr").asDouble())
                .put("record_sha256", digest(run.record()));
        byte[] payload = claims.toString().getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(payload) + "." + ENCODE.encodeToString(secrets.mac(PURPOSE, payload));
    }

    /** The claims of a token Stoa signed; empty when it is malformed or its signature does not match. */
    Optional<JsonNode> verify(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] payload = DECODE.decode(token.substring(0, dot));
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, secrets.mac(PURPOSE, payload))) {
                return Optional.empty();
            }
            return Optional.of(EvaluationRuns.JSON.readTree(payload));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** The SHA-256 of a run record's JSON, as stored. */
    static String digest(JsonNode record) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(record.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
