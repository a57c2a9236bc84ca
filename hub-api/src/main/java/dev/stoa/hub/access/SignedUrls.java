package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.ops.BaseUrl;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Stoa URLs that authorise themselves, for clients that send no credentials with LFS transfers: the query
 * carries {@code expires} (epoch seconds) and {@code signature}, a base64url HMAC-SHA256 over
 * {@code METHOD \n path \n expires} with a secret generated once and kept in the database, so every replica
 * accepts what another signed. The method is signed too: a download link cannot be used to upload.
 */
@ApplicationScoped
public class SignedUrls {

    private static final String KEY_NAME = "lfs-transfer-urls";

    private final DataSource db;
    private final BaseUrl baseUrl;
    private final Clock clock = Clock.systemUTC();
    private volatile byte[] secret;

    SignedUrls(DataSource db, BaseUrl baseUrl) {
        this.db = db;
        this.baseUrl = baseUrl;
    }

    /** An absolute URL (under the {@link BaseUrl}) for {@code method} on {@code path}, valid for {@code validity}. */
    public URI sign(String method, String path, Duration validity) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        return URI.create(baseUrl.link(path + "?expires=" + expires
                + "&signature=" + signature(method, path, expires)));
    }

    /** Throws a 403 unless {@code signature} signs this method, path and expiry, and the expiry has not passed. */
    public void check(String method, String path, String expires, String signature) {
        long expiry;
        try {
            expiry = Long.parseLong(expires == null ? "" : expires);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        byte[] expected = signature(method, path, expiry).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            throw invalid();
        }
        if (clock.instant().getEpochSecond() >= expiry) {
            throw ApiException.forbidden("This transfer link expired. Ask the LFS batch API for a new one.");
        }
    }

    private static ApiException invalid() {
        return ApiException.forbidden("This transfer link is not valid: its signature does not match."
                + " Use the link exactly as the LFS batch API handed it out, or ask for a new one.");
    }

    private String signature(String method, String path, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            byte[] digest = mac.doFinal((method + "\n" + path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = loadOrCreate();
            secret = known;
        }
        return known;
    }

    private byte[] loadOrCreate() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO signing_key (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, KEY_NAME);
                insert.setBytes(2, fresh);
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT secret FROM signing_key WHERE name = ?")) {
                select.setString(1, KEY_NAME);
                try (ResultSet r = select.executeQuery()) {
                    r.next();
                    return r.getBytes(1);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the URL signing key", e);
        }
    }
}
