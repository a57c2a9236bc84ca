package dev.stoa.plugins.picklescanner;

import java.util.ArrayList;
import java.util.List;

/** The imports of one pickle stream, in order, kept until the scanner knows whether the stream is a pickle. */
final class StreamImports implements PickleWalker.Listener {

    sealed interface Event permits Import, Unresolved, Extension {
    }

    record Import(String module, String name) implements Event {
    }

    record Unresolved(String opcode, long offset) implements Event {
    }

    record Extension(long code, long offset) implements Event {
    }

    /** Caps the events one stream can pile up; the distinct imports of a real model are a few dozen. */
    private static final int MAX_EVENTS = 100_000;

    final List<Event> events = new ArrayList<>();

    @Override
    public void onImport(String module, String name, String opcode, long offset) {
        add(new Import(module, name));
    }

    @Override
    public void onUnresolvedImport(String opcode, long offset) {
        add(new Unresolved(opcode, offset));
    }

    @Override
    public void onExtension(long code, long offset) {
        add(new Extension(code, offset));
    }

    private void add(Event event) {
        if (events.size() < MAX_EVENTS) {
            events.add(event);
        }
    }
}
