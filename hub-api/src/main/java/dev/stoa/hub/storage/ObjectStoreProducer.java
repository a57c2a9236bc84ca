package dev.stoa.hub.storage;

import dev.stoa.hub.config.StoaConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/** Makes the one {@link ObjectStore} that {@code stoa.storage.type} names; the other kind is never created. */
@ApplicationScoped
public class ObjectStoreProducer {

    private static final Logger LOG = Logger.getLogger(ObjectStoreProducer.class);

    private final StoaConfig config;

    public ObjectStoreProducer(StoaConfig config) {
        this.config = config;
    }

    @Produces
    @ApplicationScoped
    ObjectStore objectStore() {
        ObjectStore store = switch (config.storage().type()) {
            case LOCAL -> new LocalObjectStore(config.dataDir().resolve("objects"));
            case S3 -> new S3ObjectStore(config.storage().s3());
        };
        LOG.infof("Object store: %s", store);
        return store;
    }

    void close(@Disposes ObjectStore store) {
        store.close();
    }
}
