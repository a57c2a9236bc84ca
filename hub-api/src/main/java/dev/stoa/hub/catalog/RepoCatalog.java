package dev.stoa.hub.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stoa.hub.access.RepoAccess;
import dev.stoa.hub.db.Jdbc;
import dev.stoa.hub.error.ApiException;
import dev.stoa.hub.identity.Caller;
import dev.stoa.hub.repo.Gating;
import dev.stoa.hub.repo.RepoId;
import dev.stoa.hub.repo.RepoMetadata;
import dev.stoa.hub.repo.RepoPage;
import dev.stoa.hub.repo.RepoType;
import dev.stoa.hub.repo.RepoView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The card-derived metadata of repositories (tags, kind, model tree, safetensors counts) and the listing
 * that searches it. Plain SQL: tags are a PostgreSQL array with a GIN index, and who may see a private
 * repository is decided in the query by {@link RepoAccess#readableCondition}.
 */
@ApplicationScoped
public class RepoCatalog {

    private static final Set<String> RELATIONS = Set.of("adapter", "merge", "quantized", "finetune");
    private static final String COLUMNS = "r.id, r.type, a.name AS owner, r.owner_id, r.name, r.private, r.gated, r.disabled,"
            + " r.created_at, r.last_modified, r.downloads, r.likes, r.metadata_commit, r.card_data::text AS card_data,"
            + " r.library_name, r.pipeline_tag, r.license, r.tags, r.kind, r.safetensors::text AS safetensors";

    private final DataSource db;
    private final ObjectMapper json;
    private final RepoAccess access;

    public RepoCatalog(DataSource db, ObjectMapper json, RepoAccess access) {
        this.db = db;
        this.json = json;
        this.access = access;
    }

    /** The stored metadata of a repository's main branch; empty when it was never read. */
    public Optional<RepoMetadata> metadata(long repoId) {
        try (Connection connection = db.getConnection();
             PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM repository r JOIN account a ON a.id = r.owner_id WHERE r.id = ?")) {
            query.setLong(1, repoId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Optional<RepoMetadata> metadata = metadataOf(row);
                return metadata.map(m -> withBaseModels(connection, repoId, m));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the metadata of repository " + repoId + " failed", e);
        }
    }

    /** Replaces the stored metadata and model-tree edges of a repository with those of its latest main commit. */
    @Transactional
    public void saveMetadata(long repoId, RepoMetadata metadata) {
        try (Connection connection = db.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement("UPDATE repository SET metadata_commit = ?,"
                    + " card_data = ?::jsonb, library_name = ?, pipeline_tag = ?, license = ?, tags = ?, kind = ?,"
                    + " safetensors = ?::jsonb WHERE id = ?")) {
                update.setString(1, metadata.commit());
                update.setString(2, toJson(metadata.cardData()));
                update.setString(3, cut(metadata.libraryName()));
                update.setString(4, cut(metadata.pipelineTag()));
                update.setString(5, cut(metadata.license()));
                update.setArray(6, connection.createArrayOf("text", metadata.tags().toArray()));
                update.setString(7, metadata.kind());
                update.setString(8, toJson(metadata.safetensors()));
                update.setLong(9, repoId);
                update.executeUpdate();
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM repo_lineage WHERE repo_id = ?")) {
                delete.setLong(1, repoId);
                delete.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO repo_lineage (repo_id, base_model, relation)"
                    + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (RepoMetadata.BaseModel base : metadata.baseModels()) {
                    insert.setLong(1, repoId);
                    insert.setString(2, base.id());
                    insert.setString(3, base.relation());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Saving the metadata of repository " + repoId + " failed", e);
        }
    }

    /** One page of the repositories {@code caller} may read that match {@code query}. */
    public RepoPage list(RepoQuery query, Optional<Caller> caller) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM repository r JOIN account a ON a.id = r.owner_id");
        List<Object> args = new ArrayList<>();
        appendWhere(sql, args, query, caller);
        String column = "r." + query.sort().column;
        String direction = query.descending() ? "DESC" : "ASC";
        query.cursor().ifPresent(cursor -> {
            Cursor after = Cursor.decode(cursor, query);
            sql.append(" AND (").append(column).append(", r.id) ").append(query.descending() ? "<" : ">").append(" (?, ?)");
            args.add(after.value());
            args.add(after.id());
        });
        sql.append(" ORDER BY ").append(column).append(' ').append(direction).append(", r.id ").append(direction).append(" LIMIT ?");
        args.add(query.limit() + 1);
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            List<RepoPage.Entry> entries = new ArrayList<>();
            Optional<String> next = Optional.empty();
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    if (entries.size() == query.limit()) {
                        RepoPage.Entry last = entries.getLast();
                        next = Optional.of(Cursor.after(query, last.repo()));
                        break;
                    }
                    entries.add(new RepoPage.Entry(viewOf(row), metadataOf(row)));
                }
            }
            return new RepoPage(entries, next);
        } catch (SQLException e) {
            throw new IllegalStateException("Listing repositories failed", e);
        }
    }

    /**
     * How many models {@code caller} may read derive from the model {@code baseId} ({@code ns/name}), by relation
     * (adapter, merge, quantized, finetune); relations with none are left out.
     */
    public Map<String, Long> derivedCounts(String baseId, Optional<Caller> caller) {
        List<Object> args = new ArrayList<>(List.of(baseId.toLowerCase(Locale.ROOT)));
        String sql = "SELECT l.relation, count(*) FROM repo_lineage l JOIN repository r ON r.id = l.repo_id"
                + " WHERE lower(l.base_model) = ? AND r.type = 'model' AND " + access.readableCondition(caller, args)
                + " GROUP BY l.relation";
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection connection = db.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    counts.put(row.getString(1), row.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the models derived from " + baseId + " failed", e);
        }
    }

    /** How many repositories {@code caller} may read match {@code query} (all pages together). */
    public long count(RepoQuery query, Optional<Caller> caller) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM repository r JOIN account a ON a.id = r.owner_id");
        List<Object> args = new ArrayList<>();
        appendWhere(sql, args, query, caller);
        try (Connection connection = db.getConnection(); PreparedStatement statement = Jdbc.prepare(connection, sql, args);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Counting repositories failed", e);
        }
    }

    /** A value of a facet and how many repositories carry it. */
    public record FacetCount(String value, long count) {
    }

    /**
     * For each facet, its values among the repositories {@code caller} may read that match {@code query} without
     * that facet's own selection (so that another value can be picked), most frequent first, at most
     * {@code limit} each. Private repositories the caller may not read are never counted.
     */
    public Map<RepoQuery.Facet, List<FacetCount>> facetCounts(RepoQuery query, Optional<Caller> caller, int limit) {
        Map<RepoQuery.Facet, List<FacetCount>> counts = new EnumMap<>(RepoQuery.Facet.class);
        for (RepoQuery.Facet facet : RepoQuery.Facet.values()) {
            String value = facet.column != null ? facet.column : "min(l.base_model)";
            String from = facet.column != null ? "" : " JOIN repo_lineage l ON l.repo_id = r.id";
            String group = facet.column != null ? facet.column : "lower(l.base_model)";
            StringBuilder sql = new StringBuilder("SELECT " + value + ", count(DISTINCT r.id) AS n FROM repository r"
                    + " JOIN account a ON a.id = r.owner_id" + from);
            List<Object> args = new ArrayList<>();
            appendWhere(sql, args, query.without(facet), caller);
            if (facet.column != null) {
                sql.append(" AND ").append(facet.column).append(" IS NOT NULL");
            }
            sql.append(" GROUP BY ").append(group).append(" ORDER BY n DESC, 1 LIMIT ?");
            args.add(limit);
            counts.put(facet, counted(sql, args));
        }
        return counts;
    }

    /**
     * The tags of the repositories {@code caller} may read that match {@code query}, most frequent first, without
     * those the facets show already (library, task, licence, model tree, datasets).
     */
    public List<FacetCount> tagCounts(RepoQuery query, Optional<Caller> caller, int limit) {
        StringBuilder sql = new StringBuilder("SELECT t.tag, count(*) AS n FROM repository r JOIN account a ON a.id = r.owner_id"
                + " CROSS JOIN LATERAL unnest(r.tags) AS t(tag)");
        List<Object> args = new ArrayList<>();
        appendWhere(sql, args, query, caller);
        sql.append(" AND t.tag IS DISTINCT FROM r.library_name AND t.tag IS DISTINCT FROM r.pipeline_tag"
                + " AND t.tag NOT LIKE 'base\\_model:%' AND t.tag NOT LIKE 'license:%' AND t.tag NOT LIKE 'dataset:%'"
                + " GROUP BY t.tag ORDER BY n DESC, 1 LIMIT ?");
        args.add(limit);
        return counted(sql, args);
    }

    private List<FacetCount> counted(StringBuilder sql, List<Object> args) {
        try (Connection connection = db.getConnection(); PreparedStatement statement = Jdbc.prepare(connection, sql, args);
             ResultSet row = statement.executeQuery()) {
            List<FacetCount> counts = new ArrayList<>();
            while (row.next()) {
                counts.add(new FacetCount(row.getString(1), row.getLong(2)));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("Counting facet values failed", e);
        }
    }

    /** The conditions of a listing: type, what the caller may read, search, owner, filters and facets. */
    private void appendWhere(StringBuilder sql, List<Object> args, RepoQuery query, Optional<Caller> caller) {
        sql.append(" WHERE r.type = ?");
        args.add(query.type().name());
        sql.append(" AND ").append(access.readableCondition(caller, args));
        query.search().filter(s -> !s.isBlank()).ifPresent(search -> {
            sql.append(" AND strpos(lower(a.name || '/' || r.name), ?) > 0");
            args.add(search.toLowerCase(Locale.ROOT));
        });
        query.author().filter(s -> !s.isBlank()).ifPresent(author -> {
            sql.append(" AND lower(a.name) = ?");
            args.add(author.toLowerCase(Locale.ROOT));
        });
        for (String filter : query.filters()) {
            appendFilter(sql, args, filter);
        }
        query.facets().forEach((facet, value) -> {
            if (facet.column != null) {
                sql.append(" AND ").append(facet.column).append(" = ?");
                args.add(value);
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM repo_lineage f WHERE f.repo_id = r.id AND lower(f.base_model) = ?)");
                args.add(value.toLowerCase(Locale.ROOT));
            }
        });
    }

    /** Model-tree filters match the base's id case-insensitively; every other filter is a tag. */
    private static void appendFilter(StringBuilder sql, List<Object> args, String filter) {
        if (filter.equals(RepoQuery.CURATED)) {
            sql.append(" AND EXISTS (SELECT 1 FROM curation_request c WHERE c.repo_id = r.id AND c.status = 'approved')");
            return;
        }
        if (filter.startsWith("base_model:")) {
            String rest = filter.substring("base_model:".length());
            int colon = rest.indexOf(':');
            if (colon > 0 && RELATIONS.contains(rest.substring(0, colon))) {
                sql.append(" AND EXISTS (SELECT 1 FROM repo_lineage l WHERE l.repo_id = r.id AND lower(l.base_model) = ? AND l.relation = ?)");
                args.add(rest.substring(colon + 1).toLowerCase(Locale.ROOT));
                args.add(rest.substring(0, colon));
            } else {
                sql.append(" AND EXISTS (SELECT 1 FROM repo_lineage l WHERE l.repo_id = r.id AND lower(l.base_model) = ?)");
                args.add(rest.toLowerCase(Locale.ROOT));
            }
            return;
        }
        sql.append(" AND r.tags @> ARRAY[?]::text[]");
        args.add(filter);
    }

    private static RepoView viewOf(ResultSet row) throws SQLException {
        RepoType type = RepoType.valueOf(row.getString("type"));
        return new RepoView(row.getLong("id"), new RepoId(type, row.getString("owner"), row.getString("name")),
                row.getLong("owner_id"), row.getBoolean("private"), Gating.valueOf(row.getString("gated")),
                row.getBoolean("disabled"), row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("last_modified", OffsetDateTime.class).toInstant(), row.getLong("downloads"), row.getLong("likes"));
    }

    private Optional<RepoMetadata> metadataOf(ResultSet row) throws SQLException {
        String commit = row.getString("metadata_commit");
        if (commit == null) {
            return Optional.empty();
        }
        Array tags = row.getArray("tags");
        List<String> tagList = tags == null ? List.of() : List.of((String[]) tags.getArray());
        return Optional.of(new RepoMetadata(commit.strip(), fromJson(row.getString("card_data")), row.getString("library_name"),
                row.getString("pipeline_tag"), row.getString("license"), tagList, row.getString("kind"), List.of(),
                fromJson(row.getString("safetensors"))));
    }

    private static RepoMetadata withBaseModels(Connection connection, long repoId, RepoMetadata metadata) {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT base_model, relation FROM repo_lineage WHERE repo_id = ? ORDER BY base_model")) {
            query.setLong(1, repoId);
            List<RepoMetadata.BaseModel> bases = new ArrayList<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    bases.add(new RepoMetadata.BaseModel(row.getString(1), row.getString(2)));
                }
            }
            return new RepoMetadata(metadata.commit(), metadata.cardData(), metadata.libraryName(), metadata.pipelineTag(),
                    metadata.license(), metadata.tags(), metadata.kind(), bases, metadata.safetensors());
        } catch (SQLException e) {
            throw new IllegalStateException("Reading the model tree of repository " + repoId + " failed", e);
        }
    }

    private String toJson(JsonNode node) {
        try {
            return node == null || node.isNull() ? null : json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode fromJson(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The metadata columns hold at most 100 characters; longer values are kept in card_data only. */
    private static String cut(String value) {
        return value == null || value.length() <= 100 ? value : null;
    }

    /** Where a page ended: the sort it belongs to, the last entry's sort value and id. Opaque to clients. */
    private record Cursor(Object value, long id) {

        static String after(RepoQuery query, RepoView last) {
            String value = switch (query.sort()) {
                case createdAt -> last.createdAt().toString();
                case lastModified -> last.lastModified().toString();
                case downloads -> Long.toString(last.downloads());
                case likes -> Long.toString(last.likes());
            };
            String plain = "1|" + query.sort().name() + "|" + (query.descending() ? "d" : "a") + "|" + value + "|" + last.id();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, RepoQuery query) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 5 || !parts[0].equals("1") || !parts[1].equals(query.sort().name())
                        || !parts[2].equals(query.descending() ? "d" : "a")) {
                    throw new IllegalArgumentException("cursor of another listing");
                }
                Object value = query.sort().isTime
                        ? OffsetDateTime.ofInstant(java.time.Instant.parse(parts[3]), java.time.ZoneOffset.UTC)
                        : (Object) Long.parseLong(parts[3]);
                return new Cursor(value, Long.parseLong(parts[4]));
            } catch (RuntimeException e) {
                throw ApiException.invalidField("cursor", "This cursor does not belong to this listing: follow the"
                        + " Link header of the previous page without changing its sort or direction.");
            }
        }
    }
}
