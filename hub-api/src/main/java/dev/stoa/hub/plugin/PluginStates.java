package dev.stoa.hub.plugin;

import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Plugins switched on or off through the admin API, in the database so that every replica agrees. */
@ApplicationScoped
class PluginStates {

    private final DataSource db;

    PluginStates(DataSource db) {
        this.db = db;
    }

    /** The stored switches by plugin id; plugins never switched are absent. */
    Map<String, Boolean> all() {
        Map<String, Boolean> states = new HashMap<>();
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT plugin_id, enabled FROM plugin_state");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                states.put(r.getString(1), r.getBoolean(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the plugins' states", e);
        }
        return states;
    }

    void set(String pluginId, boolean enabled, long byAccountId) {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO plugin_state (plugin_id, enabled, updated_at, updated_by) VALUES (?, ?, ?, ?)
                     ON CONFLICT (plugin_id) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at,
                         updated_by = EXCLUDED.updated_by""")) {
            s.setString(1, pluginId);
            s.setBoolean(2, enabled);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.setLong(4, byAccountId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store the state of plugin " + pluginId, e);
        }
    }
}
