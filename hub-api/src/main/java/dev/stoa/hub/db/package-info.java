/**
 * The database: the embedded PostgreSQL (durable settings, one Stoa per data folder, an orphaned server stopped),
 * migrations at start, and small JDBC helpers ({@link dev.stoa.hub.db.Jdbc}, {@link dev.stoa.hub.db.AfterCommit}).
 * <p>Uses: nothing of Stoa.
 */
package dev.stoa.hub.db;
