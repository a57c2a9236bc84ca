package dev.stoa.hub.web.audit;

import dev.stoa.hub.audit.AuditEvent;
import dev.stoa.hub.audit.AuditLog;
import dev.stoa.hub.audit.AuditQuery;
import dev.stoa.hub.audit.AuditReaders;
import dev.stoa.hub.audit.AuditSearch;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.web.PageContext;
import dev.stoa.ui.pages.AuditPage;
import dev.stoa.ui.repo.Links;
import dev.stoa.ui.view.audit.AuditFilters;
import dev.stoa.ui.view.audit.AuditRow;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The audit trail's pages: {@code /admin/audit} for platform administrators and {@code /organizations/{org}/audit}
 * for an organisation's admins, with the same rules as the API ({@link AuditReaders}).
 */
@Path("/")
public class AuditPagesController {

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final AuditReaders readers;
    private final AuditLog log;

    public AuditPagesController(PageContext pages, SecurityIdentity identity, AuditReaders readers, AuditLog log) {
        this.pages = pages;
        this.identity = identity;
        this.readers = readers;
        this.log = log;
    }

    @GET
    @Path("admin/audit")
    @Produces(MediaType.TEXT_HTML)
    public Response platform(@QueryParam("action") String action, @QueryParam("actor") String actor,
                             @QueryParam("target") String target, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("after") String after) {
        Caller caller = signedIn("read the audit trail");
        readers.scope(caller, Optional.empty());
        return page(null, Optional.empty(), "/admin/audit", new AuditFilters(blank(action), blank(actor), blank(target),
                blank(from), blank(to)), after);
    }

    @GET
    @Path("organizations/{org}/audit")
    @Produces(MediaType.TEXT_HTML)
    public Response organization(@PathParam("org") String org, @QueryParam("action") String action,
                                 @QueryParam("actor") String actor, @QueryParam("target") String target,
                                 @QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("after") String after) {
        Caller caller = signedIn("read the audit trail of " + org);
        AccountView organization = readers.requireOrg(org);
        Optional<Long> orgId = readers.scope(caller, Optional.of(organization.name()));
        return page(organization.name(), orgId, "/organizations/" + organization.name() + "/audit",
                new AuditFilters(blank(action), blank(actor), blank(target), blank(from), blank(to)), after);
    }

    private Response page(String org, Optional<Long> orgId, String path, AuditFilters filters, String after) {
        String exportUrl = url("/api/v1/audit/export", org, filters, null);
        try {
            AuditQuery query = AuditSearch.query(filters.action(), filters.actor(), filters.target(), orgId,
                    filters.from(), filters.to(), null, after, AuditSearch.DEFAULT_LIMIT, AuditSearch.MAX_LIMIT);
            List<AuditEvent> events = log.search(query);
            String next = events.size() == query.limit() ? url(path, null, filters, events.getLast().id()) : null;
            return Response.ok(new AuditPage(pages.site(), pages.viewer(identity), org, path, filters,
                    events.stream().map(AuditPagesController::row).toList(), next, exportUrl, null)).build();
        } catch (ApiException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(400).type(MediaType.TEXT_HTML_TYPE).entity(new AuditPage(pages.site(),
                    pages.viewer(identity), org, path, filters, List.of(), null, exportUrl, e.getMessage())).build();
        }
    }

    private Caller signedIn(String toDoWhat) {
        return Caller.signedIn(identity, toDoWhat);
    }

    private static String url(String path, String org, AuditFilters filters, Long after) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("org", org);
        params.put("action", filters.action());
        params.put("actor", filters.actor());
        params.put("target", filters.target());
        params.put("from", filters.from());
        params.put("to", filters.to());
        params.put("after", after == null ? null : after.toString());
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((key, value) -> {
            if (value != null) {
                query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    private static AuditRow row(AuditEvent event) {
        Map<String, Object> before = cast(event.toJson().get("before"));
        Map<String, Object> after = cast(event.toJson().get("after"));
        List<String> changes = new ArrayList<>();
        for (String key : new TreeSet<>(union(before, after))) {
            Object was = before.get(key);
            Object now = after.get(key);
            if (was == null) {
                changes.add(key + ": " + now);
            } else if (now == null) {
                changes.add(key + ": " + was + " → (none)");
            } else if (!was.equals(now)) {
                changes.add(key + ": " + was + " → " + now);
            } else {
                changes.add(key + ": " + now);
            }
        }
        return new AuditRow(event.id(), Links.date(event.at()), event.action(), event.actorName(), event.target(),
                event.org(), event.clientAddress(), changes);
    }

    private static java.util.Set<String> union(Map<String, Object> a, Map<String, Object> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
