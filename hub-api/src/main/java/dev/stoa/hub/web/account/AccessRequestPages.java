package dev.stoa.hub.web.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.gating.AccessRequest;
import dev.stoa.hub.gating.AccessRequests;
import dev.stoa.hub.gating.GateForm;
import dev.stoa.hub.gating.RequestStatus;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import dev.stoa.hub.web.CsrfTokens;
import dev.stoa.hub.web.PageContext;
import dev.stoa.hub.web.PortalPaths;
import dev.stoa.hub.web.PortalRepos;
import dev.stoa.ui.markdown.MarkdownHtml;
import dev.stoa.ui.pages.AccessRequestsPage;
import dev.stoa.ui.pages.AskAccessPage;
import dev.stoa.ui.view.RepoHeader;
import dev.stoa.ui.view.account.AccessRequestRow;
import dev.stoa.ui.view.account.GateFieldView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The gated-access pages of one repository, for models and datasets alike: the form a user asks with, and the
 * requests its writers decide on. Authorization is {@link RepoAccess}'s (reading to ask, writing to decide), the
 * rules are {@link AccessRequests}'s: the same as the Hub API's {@code user-access-request} routes.
 */
@RequestScoped
public class AccessRequestPages {

    static final int PAGE_SIZE = 50;
    private static final List<String> COUNTRIES = Arrays.stream(Locale.getISOCountries())
            .map(code -> Locale.of("", code).getDisplayCountry(Locale.ENGLISH))
            .sorted(Comparator.comparing(name -> name.toLowerCase(Locale.ROOT)))
            .toList();
    private static final Map<String, String> ASK_NOTICES = Map.of(
            "accepted", "Access granted: you can download the files now.",
            "pending", "Your request was sent. The authors will review it; this page shows where it stands.",
            "withdrawn", "Your request was withdrawn.");
    private static final Map<String, String> DECISION_NOTICES = Map.of(
            "accepted", "Request accepted: the user can download the files now.",
            "rejected", "Request rejected: the user cannot download the files.",
            "pending", "Request moved back to pending: the user cannot download the files until it is accepted.",
            "grant", "Access granted.");

    private final PageContext pages;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final PortalRepos repos;
    private final RepoAccess access;
    private final AccessRequests requests;

    public AccessRequestPages(PageContext pages, SecurityIdentity identity, CsrfTokens csrf, PortalRepos repos,
                              RepoAccess access, AccessRequests requests) {
        this.pages = pages;
        this.identity = identity;
        this.csrf = csrf;
        this.repos = repos;
        this.access = access;
        this.requests = requests;
    }

    // ---- asking for access

    Response askForm(RepoType type, String ns, String name, String notice) {
        RepoView repo = repos.readable(type, ns, name);
        Caller caller = Caller.signedIn(identity, "request access to " + repo.repoId());
        return askPage(repo, caller, Map.of(), notice == null ? null : ASK_NOTICES.get(notice), null, 200);
    }

    Response ask(RepoType type, String ns, String name, MultivaluedMap<String, String> form) {
        csrf.verify(form.getFirst(CsrfTokens.FIELD));
        RepoView repo = repos.readable(type, ns, name);
        Caller caller = Caller.signedIn(identity, "request access to " + repo.repoId());
        GateForm gate = requests.form(repo);
        ObjectNode answers = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < gate.fields().size(); i++) {
            GateForm.Field field = gate.fields().get(i);
            String value = form.getFirst(param(i));
            if (value != null) {
                if (field.type().equals("checkbox")) {
                    answers.put(field.label(), "true".equals(value));
                } else {
                    answers.put(field.label(), value);
                }
            }
        }
        try {
            RequestStatus status = requests.request(repo, caller, answers);
            return Response.seeOther(UriBuilder.fromPath(PortalPaths.page(repo) + "/ask-access")
                    .queryParam("notice", status.name()).build()).build();
        } catch (ApiException e) {
            if (e.status() != 400 && e.status() != 403) {
                throw e;
            }
            // The service words its refusals for API clients; a person ticks a checkbox rather than sending true.
            return askPage(repo, caller, form, null, e.getMessage().replace(" (send true)", ""), e.status());
        }
    }

    Response cancel(RepoType type, String ns, String name, String csrfToken) {
        csrf.verify(csrfToken);
        RepoView repo = repos.readable(type, ns, name);
        Caller caller = Caller.signedIn(identity, "withdraw a request");
        try {
            requests.cancel(repo, caller);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            return askPage(repo, caller, Map.of(), null, e.getMessage(), 404);
        }
        return Response.seeOther(UriBuilder.fromPath(PortalPaths.page(repo) + "/ask-access").queryParam("notice", "withdrawn").build())
                .build();
    }

    private Response askPage(RepoView repo, Caller caller, Map<String, List<String>> typed, String notice, String error,
                             int status) {
        GateForm gate = requests.form(repo);
        Optional<RequestStatus> current = requests.statusOf(repo, caller);
        boolean canDownload = access.canDownload(repo, Optional.of(caller));
        boolean gated = repo.gated() != Gating.off;
        boolean showForm = gated && !canDownload && current.filter(s -> s == RequestStatus.rejected).isEmpty();
        List<GateFieldView> fields = new ArrayList<>();
        for (int i = 0; i < gate.fields().size(); i++) {
            fields.add(fieldView(param(i), gate.fields().get(i), first(typed, param(i))));
        }
        RepoHeader header = repos.header(repo, "card", "main");
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(new AskAccessPage(pages.site(), pages.viewer(identity), header, gated ? repo.gated().name() : null,
                        gate.heading(), MarkdownHtml.render(gate.prompt()),
                        gate.description() == null ? null : MarkdownHtml.render(gate.description()), gate.buttonContent(),
                        fields, current.map(Enum::name).orElse(null), canDownload, showForm, notice, error))
                .build();
    }

    private static GateFieldView fieldView(String param, GateForm.Field field, String typed) {
        String value = typed == null ? "" : typed;
        return switch (field.type()) {
            case "checkbox" -> new GateFieldView(param, field.label(), "checkbox", List.of(), "", "true".equals(typed));
            case "date_picker" -> new GateFieldView(param, field.label(), "date", List.of(), value, false);
            case "country" -> new GateFieldView(param, field.label(), "country", COUNTRIES.stream()
                    .map(c -> new GateFieldView.Choice(c, c, c.equalsIgnoreCase(value))).toList(), value, false);
            case "select" -> new GateFieldView(param, field.label(), "select", field.options().stream()
                    .map(o -> new GateFieldView.Choice(o.label(), o.value(), o.value().equals(value))).toList(), value, false);
            default -> new GateFieldView(param, field.label(), "text", List.of(), value, false);
        };
    }

    // ---- deciding on requests

    Response requestsPage(RepoType type, String ns, String name, String status, int page, String notice) {
        RepoView repo = repos.writable(type, ns, name);
        return decisionsPage(repo, statusOf(status), Math.max(page, 1),
                notice == null ? null : DECISION_NOTICES.get(notice), null, 200);
    }

    Response decide(RepoType type, String ns, String name, MultivaluedMap<String, String> form) {
        csrf.verify(form.getFirst(CsrfTokens.FIELD));
        RepoView repo = repos.writable(type, ns, name);
        Caller caller = repos.caller().orElseThrow();
        String action = form.getFirst("action");
        String user = form.getFirst("user") == null ? null : form.getFirst("user").strip();
        RequestStatus from = statusOf(form.getFirst("from"));
        try {
            if (user == null || user.isEmpty()) {
                throw ApiException.invalidField("user", "Name the user.");
            }
            switch (action == null ? "" : action) {
                case "grant" -> requests.grant(repo, caller, user);
                case "accepted", "rejected", "pending" -> {
                    String reason = form.getFirst("reason");
                    requests.handle(repo, caller, user, RequestStatus.valueOf(action),
                            "rejected".equals(action) && reason != null && !reason.isBlank() ? reason.strip() : null);
                }
                default -> throw ApiException.invalidField("action", "Choose accept, reject, back to pending or grant.");
            }
        } catch (ApiException e) {
            if (!FormErrors.shownOnThePage(e)) {
                throw e;
            }
            return decisionsPage(repo, from, 1, null, e.getMessage(), e.status());
        }
        return Response.seeOther(UriBuilder.fromPath(PortalPaths.page(repo) + "/settings/access-requests")
                .queryParam("status", from.name()).queryParam("notice", action).build()).build();
    }

    private Response decisionsPage(RepoView repo, RequestStatus status, int page, String notice, String error, int code) {
        String pageUrl = PortalPaths.page(repo) + "/settings/access-requests";
        String exportUrl = "/api/" + repo.type().plural() + "/" + repo.repoId().id() + "/user-access-request/export";
        RepoHeader header = repos.header(repo, "settings", "main");
        if (repo.gated() == Gating.off) {
            return Response.status(code).type(MediaType.TEXT_HTML_TYPE)
                    .entity(new AccessRequestsPage(pages.site(), pages.viewer(identity), header, pageUrl, status.name(), 0, 0, 0,
                            List.of(), exportUrl, null, null, notice, error != null ? error : repo.repoId()
                            + " is not gated: everyone who can see it downloads its files. Gate it in the repository's settings"
                            + " to review who downloads."))
                    .build();
        }
        List<AccessRequest> pending = requests.list(repo, RequestStatus.pending);
        List<AccessRequest> accepted = requests.list(repo, RequestStatus.accepted);
        List<AccessRequest> rejected = requests.list(repo, RequestStatus.rejected);
        List<AccessRequest> shown = switch (status) {
            case pending -> pending;
            case accepted -> accepted;
            case rejected -> rejected;
        };
        int from = Math.min((page - 1) * PAGE_SIZE, shown.size());
        int to = Math.min(from + PAGE_SIZE, shown.size());
        List<String> order = requests.form(repo).fields().stream().map(GateForm.Field::label).toList();
        List<AccessRequestRow> rows = shown.subList(from, to).stream().map(r -> row(r, order)).toList();
        String previous = page > 1 ? pageUrl + "?status=" + status.name() + "&page=" + (page - 1) : null;
        String next = to < shown.size() ? pageUrl + "?status=" + status.name() + "&page=" + (page + 1) : null;
        return Response.status(code).type(MediaType.TEXT_HTML_TYPE)
                .entity(new AccessRequestsPage(pages.site(), pages.viewer(identity), header, pageUrl, status.name(),
                        pending.size(), accepted.size(), rejected.size(), rows, exportUrl, previous, next, notice, error))
                .build();
    }

    /** A request with its answers in the order of the card's form ({@code order}); answers to old questions last. */
    private static AccessRequestRow row(AccessRequest request, List<String> order) {
        List<AccessRequestRow.Answer> answers = new ArrayList<>();
        JsonNode fields = request.fields();
        if (fields != null && fields.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                answers.add(new AccessRequestRow.Answer(entry.getKey(), value.isBoolean() ? (value.booleanValue() ? "yes" : "no")
                        : value.isValueNode() ? value.asText() : value.toString()));
            }
            answers.sort(Comparator.comparingInt(a -> order.contains(a.label()) ? order.indexOf(a.label()) : order.size()));
        }
        return new AccessRequestRow(request.userName(), request.fullname(), request.requestedByUser() ? request.email() : null,
                request.status().name(), PortalTime.minute(request.requestedAt()), PortalTime.minute(request.decidedAt()),
                request.deciderName(), request.rejectionReason(), request.requestedByUser(), answers);
    }

    private static RequestStatus statusOf(String status) {
        if (status == null) {
            return RequestStatus.pending;
        }
        try {
            return RequestStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return RequestStatus.pending;
        }
    }

    private static String param(int index) {
        return "field" + index;
    }

    private static String first(Map<String, List<String>> values, String key) {
        List<String> list = values.get(key);
        return list == null || list.isEmpty() ? null : list.getFirst();
    }
}
