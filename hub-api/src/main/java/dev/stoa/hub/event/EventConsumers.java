package dev.stoa.hub.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The consumers of this Stoa, found among its CDI beans, by name and by the event types they react to. */
@ApplicationScoped
public class EventConsumers {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,98}[a-z0-9]");

    private final Map<String, EventConsumer> byName = new LinkedHashMap<>();

    EventConsumers(Instance<EventConsumer> found) {
        for (EventConsumer consumer : found) {
            if (!NAME.matcher(consumer.name()).matches()) {
                throw new IllegalStateException("Event consumer " + consumer.getClass().getName() + " has the name '"
                        + consumer.name() + "'; use lowercase letters, digits and dashes.");
            }
            EventConsumer previous = byName.put(consumer.name(), consumer);
            if (previous != null) {
                throw new IllegalStateException("Two event consumers are named '" + consumer.name() + "': "
                        + previous.getClass().getName() + " and " + consumer.getClass().getName());
            }
        }
    }

    /** The names of the consumers that react to {@code type}. */
    public List<String> subscribedTo(String type) {
        return byName.values().stream().filter(c -> c.eventTypes().contains(type) || c.eventTypes().contains(EventConsumer.EVERY_TYPE)).map(EventConsumer::name).toList();
    }

    public Optional<EventConsumer> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
