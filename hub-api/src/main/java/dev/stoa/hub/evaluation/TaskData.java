package dev.stoa.hub.evaluation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * One split of a task's data, read with DuckDB from local copies of its files (Parquet, JSON Lines or JSON, CSV):
 * documents are streamed in file order, one at a time, each as a map of its fields (nested structures as maps and
 * lists), so a split larger than memory is read as easily as a small one. DuckDB runs with one thread and a memory
 * limit; the files stay on disk.
 */
final class TaskData implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT = new TypeReference<>() {
    };

    private final Connection db;
    private final String source;
    private final List<Path> files;
    private final long size;
    /** For {@link #get}: a streaming query holds its connection until it ends. */
    private Connection lookup;

    /**
     * @param files the split's files, all of one format (the extension of the first decides)
     */
    TaskData(List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new TaskFailure("The split has no data files.");
        }
        this.source = reader(files);
        this.files = List.copyOf(files);
        this.db = connect();
        try (Statement count = db.createStatement(); ResultSet rows = count.executeQuery("SELECT count(*) FROM " + source)) {
            rows.next();
            this.size = rows.getLong(1);
        } catch (SQLException e) {
            close();
            throw new TaskFailure("The split's data cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    private static Connection connect() throws IOException {
        try {
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            properties.setProperty("threads", "1");
            properties.setProperty("memory_limit", "256MB");
            // The driver itself, not DriverManager: it sees only drivers of the caller's class loader.
            return new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:", properties);
        } catch (SQLException e) {
            throw new IOException("DuckDB did not start: " + e.getMessage(), e);
        }
    }

    /** How many documents the split has. */
    long size() {
        return size;
    }

    /** Gives the first {@code limit} documents to {@code each}, in file order. */
    void forEach(long limit, Consumer<Map<String, Object>> each) {
        try (Statement query = db.createStatement();
                ResultSet rows = query.executeQuery("SELECT to_json(d) FROM " + source + " d LIMIT " + limit)) {
            while (rows.next()) {
                each.accept(document(rows.getString(1)));
            }
        } catch (SQLException e) {
            throw new TaskFailure("The split's data cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    /** The document at {@code index} (0-based, in file order). */
    Map<String, Object> get(long index) {
        try {
            if (lookup == null) {
                lookup = connect();
            }
        } catch (IOException e) {
            throw new TaskFailure(e.getMessage(), e);
        }
        try (PreparedStatement query = lookup.prepareStatement("SELECT to_json(d) FROM " + source + " d LIMIT 1 OFFSET ?")) {
            query.setLong(1, index);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IndexOutOfBoundsException("document " + index + " of " + size);
                }
                return document(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new TaskFailure("The split's data cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    private static Map<String, Object> document(String json) {
        try {
            return JSON.readValue(json, DOCUMENT);
        } catch (IOException e) {
            throw new TaskFailure("A document is not a record of fields: " + e.getMessage(), e);
        }
    }

    private static String reader(List<Path> files) {
        String name = files.getFirst().getFileName().toString().toLowerCase(Locale.ROOT);
        List<String> quoted = new ArrayList<>();
        for (Path file : files) {
            quoted.add("'" + file.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        String list = "[" + String.join(", ", quoted) + "]";
        if (name.endsWith(".parquet")) {
            return "read_parquet(" + list + ")";
        }
        if (name.endsWith(".csv")) {
            return "read_csv(" + list + ", header = true)";
        }
        if (name.endsWith(".jsonl") || name.endsWith(".json")) {
            return "read_json(" + list + ", format = 'auto')";
        }
        throw new TaskFailure("'" + files.getFirst().getFileName() + "' is not Parquet, JSON Lines, JSON or CSV.");
    }

    /** A DuckDB message's first line, with the work folder's paths shortened to file names (not the server's). */
    private String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        for (Path file : files) {
            line = line.replace(file.toAbsolutePath().toString(), file.getFileName().toString());
        }
        return line;
    }

    @Override
    public void close() {
        for (Connection connection : new Connection[] {db, lookup}) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // Closing an in-memory database releases its memory; nothing is left to clean up on failure.
            }
        }
    }
}
