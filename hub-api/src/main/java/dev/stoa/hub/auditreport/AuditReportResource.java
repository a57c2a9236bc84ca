package dev.stoa.hub.auditreport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoType;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit report of a repository's revision, in the format asked for. */
@Path("/api/v1/repos/{type}/{namespace}/{name}/audit-report")
@Tag(name = "Audit reports")
@Blocking
public class AuditReportResource {

    private final AuditReports reports;
    private final SecurityIdentity identity;

    public AuditReportResource(AuditReports reports, SecurityIdentity identity) {
        this.reports = reports;
        this.identity = identity;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, "application/pdf", "application/vnd.cyclonedx+json",
            "application/spdx+json"})
    @Operation(summary = "The audit report of a revision",
            description = "?revision= a branch, tag or commit (default main); ?format=json (default), html, pdf or"
                    + " cyclonedx (a CycloneDX 1.6 ML-BOM, validated against its schema) or spdx (SPDX 3.0.1 JSON-LD with"
                    + " the AI and Dataset profiles). Identity,"
                    + " lineage, licence, security scans and quarantines, card completeness against model cards and the"
                    + " EU AI Act with the gaps, evaluations with provenance, the governance trail.")
    public Response report(@PathParam("type") String type, @PathParam("namespace") String namespace,
            @PathParam("name") String name, @QueryParam("revision") String revision,
            @QueryParam("format") String format) {
        RepoType kind = switch (type) {
            case "models" -> RepoType.model;
            case "datasets" -> RepoType.dataset;
            default -> throw ApiException.notFound("NotFound", "Audit reports are at /api/v1/repos/models/... or"
                    + " /api/v1/repos/datasets/...");
        };
        ObjectNode report = reports.report(Caller.of(identity), RepoId.parse(kind, "name", namespace + "/" + name),
                revision == null || revision.isBlank() ? "main" : revision);
        String wanted = format == null || format.isBlank() ? "json" : format;
        String file = (namespace + "-" + name).replaceAll("[^A-Za-z0-9._-]", "_") + "-audit-report";
        return switch (wanted) {
            case "json" -> Response.ok(report.toString(), MediaType.APPLICATION_JSON_TYPE).build();
            case "html" -> Response.ok(AuditReportHtml.render(report), MediaType.TEXT_HTML + ";charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Content-Disposition", "inline; filename=\"" + file + ".html\"").build();
            case "pdf" -> {
                String html = AuditReportHtml.render(report);
                StreamingOutput pdf = out -> PdfReport.write(html, out);
                yield Response.ok(pdf, "application/pdf")
                        .header("Content-Disposition", "attachment; filename=\"" + file + ".pdf\"").build();
            }
            case "cyclonedx" -> Response.ok(CycloneDxReport.render(report), "application/vnd.cyclonedx+json")
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".cdx.json\"").build();
            case "spdx" -> Response.ok(SpdxReport.render(report).toString(), "application/spdx+json")
                    .header("Content-Disposition", "attachment; filename=\"" + file + ".spdx.json\"").build();
            default -> throw ApiException.invalidField("format", "\"format\" is json, html, pdf, cyclonedx or spdx.");
        };
    }
}
