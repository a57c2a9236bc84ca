package dev.stoa.hub.gating;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.ops.JsonDates;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history of a repository's access requests as a file for its owner: one record per request, decision and
 * grant, with who asked, which terms (prompt, form answers, card commit) they accepted, when, and who decided.
 * JSON lines ({@code application/x-ndjson}) or CSV (RFC 4180, the answers as one JSON column).
 */
abstract class AccessRecordExport {

    private static final List<String> CSV_COLUMNS = List.of("at", "action", "status", "repo", "user", "email", "fields",
            "terms_prompt", "card_commit", "by", "reason");

    protected final ObjectMapper json;

    private AccessRecordExport(ObjectMapper json) {
        this.json = json;
    }

    static AccessRecordExport jsonLines(ObjectMapper json) {
        return new AccessRecordExport(json) {
            @Override
            String extension() {
                return "jsonl";
            }

            @Override
            String mediaType() {
                return "application/x-ndjson";
            }

            @Override
            void write(AccessEvent event, OutputStream out) throws IOException {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("at", event.at());
                record.put("action", event.action().name());
                record.put("status", event.status() == null ? null : event.status().name());
                record.put("repo", event.repoName());
                Map<String, Object> user = new LinkedHashMap<>();
                user.put("id", event.userId());
                user.put("name", event.userName());
                user.put("email", event.userEmail());
                record.put("user", user);
                record.put("fields", event.fields());
                Map<String, Object> terms = new LinkedHashMap<>();
                terms.put("prompt", event.terms().prompt());
                terms.put("cardCommit", event.terms().commit());
                record.put("terms", terms);
                record.put("by", event.actorId() == null ? null : Map.of("id", event.actorId(), "name", event.actorName()));
                record.put("reason", event.reason());
                out.write(json.writeValueAsBytes(record));
                out.write('\n');
            }
        };
    }

    static AccessRecordExport csv(ObjectMapper json) {
        return new AccessRecordExport(json) {
            @Override
            String extension() {
                return "csv";
            }

            @Override
            String mediaType() {
                return "text/csv; charset=UTF-8";
            }

            @Override
            void start(OutputStream out) throws IOException {
                line(out, CSV_COLUMNS);
            }

            @Override
            void write(AccessEvent event, OutputStream out) throws IOException {
                line(out, java.util.Arrays.asList(JsonDates.FORMAT.format(event.at()), event.action().name(),
                        event.status() == null ? "" : event.status().name(), event.repoName(), event.userName(),
                        event.userEmail(), event.fields() == null ? "" : event.fields().toString(), event.terms().prompt(),
                        event.terms().commit(), event.actorName(), event.reason()));
            }

            private void line(OutputStream out, List<String> values) throws IOException {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        line.append(',');
                    }
                    line.append(quoted(values.get(i)));
                }
                out.write(line.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            }

            /** Quotes every value that needs it; a leading formula character is defused for spreadsheets. */
            private static String quoted(String value) {
                if (value == null) {
                    return "";
                }
                String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
                return safe.matches("[^\",\r\n]*") ? safe : "\"" + safe.replace("\"", "\"\"") + "\"";
            }
        };
    }

    abstract String extension();

    abstract String mediaType();

    void start(OutputStream out) throws IOException {
    }

    abstract void write(AccessEvent event, OutputStream out) throws IOException;

    /** Something that writes the records, given where to. */
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    StreamingOutput writing(Body body) {
        return out -> {
            start(out);
            body.writeTo(out);
        };
    }
}
