package dev.stoa.hub.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams one multipart-upload part to a presigned part URL with a known length, so that a part of any
 * size passes through Stoa without being held in memory or written to disk.
 */
final class S3PartUploader implements AutoCloseable {

    /** The signature is checked when the request starts, so this only has to cover reaching the store. */
    static final Duration URL_EXPIRY = Duration.ofMinutes(15);
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]*)</Code>");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(S3Clients.CONNECT_TIMEOUT)
            .build();

    /**
     * PUTs exactly {@code size} bytes of {@code data}; the request fails, and the store keeps no part, when
     * {@code data} holds fewer or more.
     *
     * @return the part's ETag, unquoted
     */
    String upload(URI url, InputStream data, long size, String action, Supplier<ObjectNotFoundException> notFound) {
        HttpRequest request = HttpRequest.newBuilder(url).PUT(body(data, size)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ObjectStoreException("Could not " + action + " in the S3 store: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ObjectStoreException("Interrupted while trying to " + action, e);
        }
        String code = errorCode(response.body());
        if (response.statusCode() / 100 == 2) {
            return UploadedPart.unquote(response.headers().firstValue("ETag").orElseThrow(() ->
                    new ObjectStoreException("Could not " + action + ": the S3 store returned no ETag")));
        }
        if ("NoSuchUpload".equals(code)) {
            throw notFound.get();
        }
        throw new ObjectStoreException("Could not " + action + " in the S3 store: HTTP " + response.statusCode()
                + (code.isEmpty() ? "" : " " + code));
    }

    @Override
    public void close() {
        http.close();
    }

    private static BodyPublisher body(InputStream data, long size) {
        if (size == 0) {
            return BodyPublishers.noBody();
        }
        // The HTTP client closes the stream it reads at the end; the caller owns data, so shield it.
        InputStream unclosable = new FilterInputStream(data) {
            @Override
            public void close() {
            }
        };
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> unclosable), size);
    }

    private static String errorCode(String body) {
        Matcher matcher = ERROR_CODE.matcher(body);
        return matcher.find() ? matcher.group(1) : "";
    }
}
