package dev.stoa.hub.moderation;

import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.RepoView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Community reports from their reporters' side: {@code POST /api/v1/repos/{models|datasets}/{ns}/{name}/reports}
 * {@code {reason, details, path?}} (any signed-in user who can read the repository) and
 * {@code GET /api/v1/reports/mine} (the caller's reports and their outcomes, newest first).
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ReportResource {

    private final ModeratedRepos repos;
    private final Reports reports;
    private final SecurityIdentity identity;

    ReportResource(ModeratedRepos repos, Reports reports, SecurityIdentity identity) {
        this.repos = repos;
        this.reports = reports;
        this.identity = identity;
    }

    /** A report: one of {@link Report.Reason}, what is wrong, and the file when it is about one. */
    public record NewReport(String reason, String details, String path) {
    }

    @POST
    @Path("/repos/{type: models|datasets}/{ns}/{name}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response file(@PathParam("type") String type, @PathParam("ns") String ns, @PathParam("name") String name,
                         NewReport body) {
        Caller caller = Caller.required(identity);
        RepoView repo = repos.visible(ModeratedRepos.id(type, ns, name), Optional.of(caller));
        caller.requireWrite();
        NewReport request = body == null ? new NewReport(null, null, null) : body;
        Report report = reports.file(repo, caller, request.reason(), request.details(), Optional.ofNullable(request.path()));
        return Response.status(201).entity(report.json(false)).build();
    }

    @GET
    @Path("/reports/mine")
    public List<Map<String, Object>> mine() {
        return reports.mine(Caller.required(identity), 200).stream().map(r -> r.json(false)).toList();
    }
}
