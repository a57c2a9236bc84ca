package dev.stoa.hub.event;

import dev.stoa.hub.git.RevisionPublished;
import dev.stoa.hub.repo.RepoService;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A consumer that fails on purpose, by repository name: {@code fail-twice-*} repositories' events fail twice each, then
 * pass; {@code fail-always-*} ones fail until the test heals the repository. What it handled is recorded in order.
 * Only in the {@link EventStreamTest} profile.
 */
@ApplicationScoped
@LookupIfProperty(name = "test.events.flaky-consumer", stringValue = "true")
public class FlakyConsumer implements EventConsumer {

    /** One event handled: the repository's name and the commit the ref moved to. */
    public record Handled(String repo, long eventId, String commit) {
    }

    static final List<Handled> HANDLED = new CopyOnWriteArrayList<>();
    static final Set<String> HEALED = ConcurrentHashMap.newKeySet();
    private static final Map<Long, Integer> FAILURES = new ConcurrentHashMap<>();

    private final RepoService repos;

    FlakyConsumer(RepoService repos) {
        this.repos = repos;
    }

    @Override
    public String name() {
        return "test-flaky";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(RevisionPublished.TYPE);
    }

    @Override
    public void handle(OutboxEvent event) {
        RevisionPublished published = event.payload(RevisionPublished.class);
        String name = repos.findById(published.repoId()).orElseThrow().repoId().name();
        if (name.startsWith("fail-twice-") && FAILURES.merge(event.id(), 1, Integer::sum) <= 2) {
            throw new IllegalStateException("planned failure " + FAILURES.get(event.id()) + " of event " + event.id());
        }
        if (name.startsWith("fail-always-") && !HEALED.contains(name)) {
            throw new IllegalStateException("this consumer cannot handle " + name + " yet");
        }
        HANDLED.add(new Handled(name, event.id(), published.newCommit().orElse("")));
    }
}
