package dev.stoa.hub.hf;

import dev.stoa.hub.card.RepoMetadataService;
import dev.stoa.hub.catalog.RepoCatalog;
import dev.stoa.hub.catalog.RepoQuery;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.git.GitRepositories;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.ops.BaseUrl;
import dev.stoa.hub.ops.PublicRoute;
import dev.stoa.hub.repo.Refs;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoPage;
import dev.stoa.hub.repo.RepoType;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code GET /api/models} and {@code /api/datasets}: huggingface_hub's list_models and list_datasets. The body
 * is one page as a JSON array; the next page is {@code Link: <absolute URL>; rel="next"}, built from
 * the {@link BaseUrl} with an opaque {@code cursor} (keyset pagination: pages never overlap or skip
 * repositories created meanwhile).
 */
@Path("/api/{type: models|datasets}")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class RepoListResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final RepoCatalog catalog;
    private final RepoMetadataService metadata;
    private final GitRepositories git;
    private final SecurityIdentity identity;
    private final BaseUrl baseUrl;

    public RepoListResource(RepoCatalog catalog, RepoMetadataService metadata, GitRepositories git,
                            SecurityIdentity identity, BaseUrl baseUrl) {
        this.catalog = catalog;
        this.metadata = metadata;
        this.git = git;
        this.identity = identity;
        this.baseUrl = baseUrl;
    }

    @GET
    @PublicRoute("Lists only the repositories the caller may read: the catalog filters by access.")
    public Response list(@PathParam("type") String type, @Context UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        RepoType repoType = RepoType.fromPlural(type);
        List<String> filters = new ArrayList<>(all(params, "filter"));
        for (String key : List.of("pipeline_tag", "library", "language", "tags")) {
            filters.addAll(all(params, key));
        }
        if (first(params, "curated").map(QueryFlags::isTrue).orElse(false)) {
            filters.add(RepoQuery.CURATED);
        }
        Optional<String> sortName = first(params, "sort");
        RepoQuery query = new RepoQuery(repoType, first(params, "search"), first(params, "author"), filters,
                sort(sortName), !first(params, "direction").map(d -> d.strip().equals("1")).orElse(false),
                limit(first(params, "limit")), first(params, "cursor"));
        RepoPage page = catalog.list(query, Caller.of(identity));

        Set<String> defaults = new HashSet<>(RepoInfoFields.LIST);
        if (first(params, "full").map(QueryFlags::isTrue).orElse(false)) {
            defaults.addAll(List.of("sha", "siblings"));
        }
        if (first(params, "cardData").map(QueryFlags::isTrue).orElse(false)) {
            defaults.add("cardData");
        }
        Set<String> fields = RepoInfoFields.select(all(params, "expand"), defaults);
        List<Map<String, Object>> body = new ArrayList<>();
        for (RepoPage.Entry entry : page.entries()) {
            body.add(write(entry, fields));
        }
        Response.ResponseBuilder response = Response.ok(body);
        page.nextCursor().ifPresent(cursor -> response.header("Link", "<" + nextUrl(type, params, cursor) + ">; rel=\"next\""));
        return response.build();
    }

    /** Reads git only when a field needs it, or when the main branch's metadata has not been stored yet. */
    private Map<String, Object> write(RepoPage.Entry entry, Set<String> fields) {
        boolean needsGit = fields.contains("sha") || fields.contains("siblings") || entry.metadata().isEmpty();
        if (!needsGit) {
            return RepoInfoFields.write(entry.repo(), entry.metadata().get(), null, fields);
        }
        try (Repository repository = git.open(entry.repo().id())) {
            Optional<RevCommit> head = Refs.resolve(repository, Refs.MAIN);
            if (head.isEmpty()) {
                return RepoInfoFields.write(entry.repo(), entry.metadata().orElse(null), null, fields);
            }
            RepoMetadata card = entry.metadata().filter(m -> m.commit().equals(head.get().name()))
                    .orElseGet(() -> metadata.at(entry.repo(), repository, head.get()));
            return RepoInfoFields.write(entry.repo(), card, RepoInfoFields.GitFields.of(repository, head.get(), false), fields);
        }
    }

    private String nextUrl(String type, MultivaluedMap<String, String> params, String cursor) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((key, values) -> {
            if (!key.equals("cursor")) {
                values.forEach(value -> query.add(encode(key) + "=" + encode(value)));
            }
        });
        query.add("cursor=" + encode(cursor));
        return baseUrl.link("/api/" + type + "?" + query);
    }

    private static RepoQuery.Sort sort(Optional<String> name) {
        if (name.isEmpty() || name.get().isBlank()) {
            return RepoQuery.Sort.downloads;
        }
        return switch (name.get().strip()) {
            case "downloads", "trendingScore", "trending_score", "trending" -> RepoQuery.Sort.downloads;
            case "likes" -> RepoQuery.Sort.likes;
            case "lastModified", "last_modified" -> RepoQuery.Sort.lastModified;
            case "createdAt", "created_at" -> RepoQuery.Sort.createdAt;
            default -> throw ApiException.invalidField("sort", "'" + name.get() + "' is not a sort order; use downloads,"
                    + " likes, lastModified, createdAt or trendingScore.");
        };
    }

    private static int limit(Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.get().strip());
            if (limit < 1) {
                throw new NumberFormatException();
            }
            return Math.min(limit, MAX_LIMIT);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("limit", "'" + value.get() + "' is not a page size; use a whole number from 1 to "
                    + MAX_LIMIT + ".");
        }
    }

    private static List<String> all(MultivaluedMap<String, String> params, String key) {
        List<String> values = params.get(key);
        return values == null ? List.of() : values.stream().filter(v -> !v.isBlank()).toList();
    }

    private static Optional<String> first(MultivaluedMap<String, String> params, String key) {
        return Optional.ofNullable(params.getFirst(key));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
