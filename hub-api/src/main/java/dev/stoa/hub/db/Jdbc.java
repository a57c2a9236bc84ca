package dev.stoa.hub.db;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small JDBC helper of the features that write SQL themselves: statements with their arguments bound in order
 * ({@link Instant} as a timestamp, an empty {@link Optional} as NULL), and one-call queries and updates on a connection
 * of the data source, which joins the caller's transaction when there is one.
 */
public final class Jdbc {

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet row) throws SQLException;
    }

    private Jdbc() {
    }

    /** A statement with {@code args} bound to its parameters in order. */
    public static PreparedStatement prepare(Connection connection, CharSequence sql, Object... args) throws SQLException {
        return prepare(connection, sql, java.util.Arrays.asList(args));
    }

    /** As {@link #prepare(Connection, CharSequence, Object...)} for arguments collected while the SQL was built. */
    public static PreparedStatement prepare(Connection connection, CharSequence sql, List<?> args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        try {
            for (int i = 0; i < args.size(); i++) {
                Object value = bindable(args.get(i));
                if (value == null) {
                    statement.setNull(i + 1, Types.NULL);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    public static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    public static int update(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement statement = prepare(c, sql, args)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql) + ": " + e.getMessage(), e);
        }
    }

    /** Runs a query; returns its rows, each mapped by {@code row}. */
    public static <T> List<T> query(DataSource db, String sql, Row<T> row, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement statement = prepare(c, sql, args);
             ResultSet rows = statement.executeQuery()) {
            List<T> mapped = new ArrayList<>();
            while (rows.next()) {
                mapped.add(row.map(rows));
            }
            return mapped;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql) + ": " + e.getMessage(), e);
        }
    }

    /** The first row of a query, mapped; empty when there is none. */
    public static <T> Optional<T> first(DataSource db, String sql, Row<T> row, Object... args) {
        return query(db, sql, row, args).stream().findFirst();
    }

    private static Object bindable(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(Jdbc::bindable).orElse(null);
        }
        return value instanceof Instant instant ? Timestamp.from(instant) : value;
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }
}
