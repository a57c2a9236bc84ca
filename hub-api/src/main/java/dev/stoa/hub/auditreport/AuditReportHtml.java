package dev.stoa.hub.auditreport;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The audit report as one self-contained XHTML document (its styles inline, no scripts, no outside resources), so that
 * the same text is the portal's page and the PDF's source. Every value is escaped.
 */
final class AuditReportHtml {

    private static final String STYLE = """
            body{font-family:sans-serif;font-size:11pt;margin:24px;color:#111}
            h1{font-size:18pt;margin-bottom:0}h2{font-size:14pt;border-bottom:1px solid #999;margin-top:22px}
            table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border:1px solid #ccc;padding:3px 5px;
            text-align:left;vertical-align:top;font-size:9pt}th{background:#f0f0f0}.muted{color:#555}
            .ok{color:#166534}.gap{color:#b91c1c}code{font-size:8.5pt;word-break:break-all}
            """;

    private AuditReportHtml() {
    }

    static String render(JsonNode r) {
        StringBuilder h = new StringBuilder(16_384);
        String id = r.path("repository").path("id").asText();
        h.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
                .append("<title>Audit report: ").append(esc(id)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n");
        h.append("<h1>Audit report: ").append(esc(id)).append("</h1>\n<p class=\"muted\">")
                .append(esc(r.path("repository").path("type").asText())).append(" at revision ")
                .append(esc(r.path("identity").path("revision").asText())).append(", commit <code>")
                .append(esc(r.path("identity").path("commit").asText())).append("</code>; generated ")
                .append(esc(r.path("generatedAt").asText())).append(" by Stoa (").append(esc(r.path("schema").asText()))
                .append(").</p>\n");

        JsonNode card = r.path("card");
        h.append("<h2 id=\"completeness\">Documentation completeness</h2>\n<p>Completeness score: <b>")
                .append(String.format(Locale.ROOT, "%.0f%%", card.path("completeness").asDouble() * 100))
                .append("</b> of the fields below are documented.</p>\n<table><tr><th>Framework</th><th>Field</th>"
                        + "<th>Documented</th><th>Where</th></tr>\n");
        for (JsonNode f : card.path("fields")) {
            h.append("<tr><td>").append(esc(f.path("framework").asText())).append("</td><td>")
                    .append(esc(f.path("name").asText())).append("</td><td class=\"")
                    .append(f.path("present").asBoolean() ? "ok\">yes" : "gap\">missing").append("</td><td>")
                    .append(esc(f.path("evidence").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2 id=\"gaps\">Gaps</h2>\n");
        if (card.path("gaps").isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            h.append("<ul>");
            for (JsonNode g : card.path("gaps")) {
                h.append("<li>").append(esc(g.path("name").asText())).append(" <span class=\"muted\">(")
                        .append(esc(g.path("framework").asText())).append("; field <code>")
                        .append(esc(g.path("field").asText())).append("</code>)</span></li>");
            }
            h.append("</ul>\n");
        }

        JsonNode identity = r.path("identity");
        h.append("<h2 id=\"identity\">Identity</h2>\n<p>").append(identity.path("files").size()).append(" files, ")
                .append(identity.path("totalBytes").asLong()).append(" bytes.</p>\n<table><tr><th>File</th><th>Bytes</th>"
                        + "<th>SHA-256</th></tr>\n");
        for (JsonNode f : identity.path("files")) {
            h.append("<tr><td>").append(esc(f.path("path").asText())).append("</td><td>").append(f.path("size").asLong())
                    .append("</td><td><code>").append(esc(f.path("sha256").asText())).append("</code></td></tr>\n");
        }
        h.append("</table>\n");

        JsonNode lineage = r.path("lineage");
        h.append("<h2 id=\"lineage\">Lineage</h2>\n");
        if (lineage.has("architecture")) {
            h.append("<p>Architecture <code>").append(esc(lineage.path("architecture").asText())).append("</code> (")
                    .append(esc(lineage.path("modelType").asText())).append("), ")
                    .append(String.format(Locale.ROOT, "%,d", lineage.path("parameters").asLong()))
                    .append(" parameters, weights in ").append(esc(lineage.path("dtypes").toString()))
                    .append(", read from the safetensors headers and config.json.</p>\n");
        }
        list(h, "Base models", lineage.path("baseModels"));
        if (lineage.has("adapter")) {
            JsonNode a = lineage.path("adapter");
            h.append("<p>LoRA adapter: rank ").append(a.path("rank").asInt()).append(", alpha ")
                    .append(a.path("alpha").asDouble()).append(", target modules ")
                    .append(esc(a.path("targetModules").toString())).append(".</p>\n");
        }
        list(h, "Datasets", lineage.path("datasets"));

        JsonNode licence = r.path("licence");
        h.append("<h2 id=\"licence\">Licence</h2>\n<p>Declared: <b>").append(esc(licence.path("declared").asText("none")))
                .append("</b>.</p>\n");
        for (JsonNode i : licence.path("inherited")) {
            h.append("<p>Inherits from ").append(esc(i.path("from").asText())).append(": ")
                    .append(esc(i.path("license").asText())).append(".</p>\n");
        }

        JsonNode security = r.path("security");
        h.append("<h2 id=\"security\">Security scans and quarantine history</h2>\n<table><tr><th>Check</th>"
                + "<th>Status</th><th>Verdict</th><th>Findings</th></tr>\n");
        for (JsonNode c : security.path("checks")) {
            h.append("<tr><td>").append(esc(c.path("check").asText())).append("</td><td>")
                    .append(esc(c.path("status").asText())).append("</td><td>").append(esc(c.path("verdict").asText()))
                    .append("</td><td>");
            for (JsonNode f : c.path("findings")) {
                h.append(esc(f.path("severity").asText())).append(' ').append(esc(f.path("code").asText())).append(": ")
                        .append(esc(f.path("message").asText())).append("<br/>");
            }
            h.append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (security.path("quarantines").isEmpty()) {
            h.append("<p>Never quarantined.</p>\n");
        } else {
            h.append("<ul>");
            for (JsonNode q : security.path("quarantines")) {
                h.append("<li>").append(esc(q.path("scope").asText())).append(": ").append(esc(q.path("reason").asText()))
                        .append(" (").append(esc(q.path("source").asText())).append(", ")
                        .append(esc(q.path("imposedAt").asText()))
                        .append(q.path("active").asBoolean() ? ", active" : ", lifted " + esc(q.path("liftedAt").asText()))
                        .append(")</li>");
            }
            h.append("</ul>\n");
        }

        h.append("<h2 id=\"evaluations\">Evaluations</h2>\n");
        if (r.path("evaluations").isEmpty()) {
            h.append("<p>None run on Stoa that you can see.</p>\n");
        } else {
            h.append("<table><tr><th>Task</th><th>Scores</th><th>Provenance</th></tr>\n");
            for (JsonNode e : r.path("evaluations")) {
                h.append("<tr><td>").append(esc(e.path("task").asText())).append(e.path("bias").asBoolean()
                        ? " <b>(bias)</b>" : "").append("</td><td>");
                for (Iterator<Map.Entry<String, JsonNode>> it = e.path("metrics").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> m = it.next();
                    h.append(esc(m.getKey())).append(' ').append(String.format(Locale.ROOT, "%.4f ± %.4f",
                            m.getValue().path("value").asDouble(), m.getValue().path("stderr").asDouble())).append("<br/>");
                }
                h.append("</td><td>model <code>").append(esc(e.path("modelCommit").asText())).append("</code>, dataset <code>")
                        .append(esc(e.path("datasetCommit").asText())).append("</code>, ")
                        .append(e.path("numFewshot").asInt()).append("-shot, seed ").append(e.path("seed").asLong())
                        .append(", ").append(esc(e.path("runner").path("runner").asText())).append(", run ")
                        .append(esc(e.path("run").asText())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        JsonNode governance = r.path("governance");
        h.append("<h2 id=\"governance\">Governance</h2>\n");
        if (governance.path("curation").isEmpty()) {
            h.append("<p>Never submitted for curation.</p>\n");
        } else {
            h.append("<ul>");
            for (JsonNode c : governance.path("curation")) {
                h.append("<li>Commit <code>").append(esc(c.path("commit").asText())).append("</code>: ")
                        .append(esc(c.path("status").asText())).append(c.has("decidedBy") ? " by "
                        + esc(c.path("decidedBy").asText()) : "").append(" (submitted ")
                        .append(esc(c.path("submittedAt").asText())).append(")</li>");
            }
            h.append("</ul>\n");
        }
        JsonNode requests = governance.path("accessRequests");
        h.append("<p>Access requests: ").append(requests.path("accepted").asInt()).append(" accepted, ")
                .append(requests.path("pending").asInt()).append(" pending, ").append(requests.path("rejected").asInt())
                .append(" rejected.</p>\n");
        JsonNode chain = governance.path("auditChain");
        h.append("<p>Audit chain: ").append(chain.path("verified").isBoolean() ? (chain.path("verified").asBoolean()
                ? "verified, " + chain.path("events").asLong() + " events." : "BROKEN at event "
                + chain.path("firstBrokenId").asLong() + ": " + esc(chain.path("reason").asText()))
                : esc(chain.path("note").asText())).append("</p>\n");
        return h.append("</body></html>\n").toString();
    }

    private static void list(StringBuilder h, String title, JsonNode repos) {
        if (repos.isEmpty()) {
            h.append("<p>").append(esc(title)).append(": none declared.</p>\n");
            return;
        }
        h.append("<p>").append(esc(title)).append(":</p><ul>");
        for (JsonNode b : repos) {
            h.append("<li>").append(esc(b.path("id").asText())).append(b.path("onStoa").asBoolean()
                    ? " (on this Stoa, commit <code>" + esc(b.path("commit").asText()) + "</code>)"
                    : " (not on this Stoa)").append("</li>");
        }
        h.append("</ul>\n");
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
