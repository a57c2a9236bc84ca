package dev.stoa.hub.storage;

import dev.stoa.hub.db.DatabaseStartup;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stops the start when the object store cannot be used, with a message that names the setting to fix. */
@ApplicationScoped
public class ObjectStoreStartup {

    /** Right after the database: nothing that stores bytes may start before the store is known to work. */
    public static final int PRIORITY = DatabaseStartup.PRIORITY + 10;

    private final ObjectStore store;

    public ObjectStoreStartup(ObjectStore store) {
        this.store = store;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        store.checkReady();
    }
}
