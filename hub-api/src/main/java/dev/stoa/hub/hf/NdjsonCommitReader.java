package dev.stoa.hub.hf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.config.StoaConfig;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.repo.CommitRequest;
import dev.stoa.hub.repo.FileOperation;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads huggingface_hub's commit payload: one JSON object per line, {@code {"key": ..., "value": ...}}, with
 * a {@code header} and then {@code file}, {@code lfsFile}, {@code deletedFile} and {@code deletedFolder}
 * operations. The body is read under the commit payload limit; every fault names its line.
 */
@ApplicationScoped
public class NdjsonCommitReader {

    private final ObjectMapper json;
    private final StoaConfig config;

    public NdjsonCommitReader(ObjectMapper json, StoaConfig config) {
        this.json = json;
        this.config = config;
    }

    public CommitRequest read(InputStream body, String revision, boolean createPr) {
        long limit = config.repos().limits().maxCommitPayloadBytes();
        JsonNode header = null;
        List<FileOperation> operations = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(new CappedStream(body, limit), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = parse(line, number);
                String key = entry.path("key").asText("");
                JsonNode value = entry.path("value");
                if (!value.isObject()) {
                    throw lineError(number, "has no \"value\" object");
                }
                switch (key) {
                    case "header" -> header = value;
                    case "file" -> operations.add(file(value, number));
                    case "lfsFile" -> operations.add(lfsFile(value, number));
                    case "deletedFile" -> operations.add(new FileOperation.DeleteFile(path(value, number)));
                    case "deletedFolder" -> operations.add(new FileOperation.DeleteFolder(folderPath(value, number)));
                    default -> throw lineError(number, "has an unknown operation key '" + key
                            + "'; use header, file, lfsFile, deletedFile or deletedFolder");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null) {
            throw ApiException.badRequest("The commit has no header line: start the body with "
                    + "{\"key\":\"header\",\"value\":{\"summary\":\"...\"}}.");
        }
        Optional<String> parent = Optional.ofNullable(text(header, "parentCommit")).filter(p -> !p.isBlank());
        return new CommitRequest(revision, parent, text(header, "summary"), text(header, "description"), operations, createPr);
    }

    private JsonNode parse(String line, int number) {
        try {
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject()) {
                throw lineError(number, "is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw lineError(number, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static FileOperation file(JsonNode value, int number) {
        String encoding = Optional.ofNullable(text(value, "encoding")).orElse("base64");
        if (!encoding.equalsIgnoreCase("base64")) {
            throw lineError(number, "has encoding '" + encoding + "'; file contents must be base64");
        }
        String content = text(value, "content");
        if (content == null) {
            throw lineError(number, "has no \"content\"");
        }
        try {
            return new FileOperation.PutFile(path(value, number), Base64.getDecoder().decode(content));
        } catch (IllegalArgumentException e) {
            throw lineError(number, "has content that is not valid base64");
        }
    }

    private static FileOperation lfsFile(JsonNode value, int number) {
        String algo = Optional.ofNullable(text(value, "algo")).orElse("sha256");
        if (!algo.equals("sha256")) {
            throw lineError(number, "uses the hash algorithm '" + algo + "'; only sha256 is supported");
        }
        String oid = text(value, "oid");
        if (oid == null) {
            throw lineError(number, "has no \"oid\" (the file's sha256)");
        }
        JsonNode size = value.get("size");
        if (size != null && !size.isNull() && (!size.canConvertToLong() || size.asLong() < 0)) {
            throw lineError(number, "has a size that is not a non-negative integer");
        }
        return new FileOperation.PutLfsFile(path(value, number), oid, size == null || size.isNull() ? -1 : size.asLong());
    }

    private static String path(JsonNode value, int number) {
        String path = text(value, "path");
        if (path == null || path.isEmpty()) {
            throw lineError(number, "has no \"path\"");
        }
        return path;
    }

    /** huggingface_hub sends a folder as {@code dir} or {@code dir/}: both name the same folder. */
    private static String folderPath(JsonNode value, int number) {
        String folder = path(value, number).replaceAll("/+$", "");
        if (folder.isEmpty()) {
            throw lineError(number, "deletes the repository's root folder; delete its files or folders by name instead");
        }
        return folder;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static ApiException lineError(int number, String problem) {
        return ApiException.badRequest("Line " + number + " of the commit " + problem + ".");
    }

    /** Stops reading a body that grows past the commit payload limit. */
    private static final class CappedStream extends FilterInputStream {
        private final long limit;
        private long read;

        CappedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new ApiException(413, "PayloadTooLarge", "The commit's body is larger than the limit of " + limit
                        + " bytes (stoa.repos.limits.max-commit-payload-bytes). Upload large files through LFS, or split the commit.");
            }
        }
    }
}
