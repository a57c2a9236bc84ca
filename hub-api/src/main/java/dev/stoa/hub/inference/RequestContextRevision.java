package dev.stoa.hub.inference;

import dev.stoa.spi.RepoKind;
import dev.stoa.spi.RepoRef;
import dev.stoa.spi.Revision;
import dev.stoa.spi.RevisionFile;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A revision a runner reads from its own threads (a loader, the plugin call's thread): each call runs in a CDI request
 * context, as the repository services read through Hibernate, activated for the call when the thread has none.
 */
final class RequestContextRevision implements Revision {

    private final Revision revision;

    RequestContextRevision(Revision revision) {
        this.revision = revision;
    }

    interface Call<T> {
        T run() throws IOException;
    }

    /** Runs {@code call} in a request context, activating one for it when the thread has none. */
    static <T> T inContext(Call<T> call) throws IOException {
        ManagedContext context = Arc.container().requestContext();
        if (context.isActive()) {
            return call.run();
        }
        context.activate();
        try {
            return call.run();
        } finally {
            context.terminate();
        }
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return inContext(call);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public RepoRef repository() {
        return revision.repository();
    }

    @Override
    public RepoKind kind() {
        return unchecked(revision::kind);
    }

    @Override
    public String commit() {
        return revision.commit();
    }

    @Override
    public Map<String, Object> cardData() {
        return unchecked(revision::cardData);
    }

    @Override
    public String cardText() {
        return unchecked(revision::cardText);
    }

    @Override
    public List<RevisionFile> files() {
        return unchecked(revision::files);
    }

    @Override
    public InputStream open(String path) throws IOException {
        return inContext(() -> revision.open(path));
    }

    @Override
    public InputStream openRange(String path, long offset, long length) throws IOException {
        return inContext(() -> revision.openRange(path, offset, length));
    }

    @Override
    public List<Revision> baseModels() {
        return unchecked(revision::baseModels).stream().<Revision>map(RequestContextRevision::new).toList();
    }

    @Override
    public List<String> baseModelNames() {
        return unchecked(revision::baseModelNames);
    }
}
