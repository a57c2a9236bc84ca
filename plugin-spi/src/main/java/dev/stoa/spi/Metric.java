package dev.stoa.spi;

import java.util.Objects;

/**
 * A typed measurement a check reports, e.g. a parameter count, a card score, an evaluation result.
 * Names are dotted, lowercase, stable across versions ({@code params.total}, {@code card.score}).
 */
public sealed interface Metric {

    String name();

    /** A whole number, e.g. a count of parameters or files. */
    record Count(String name, long value) implements Metric {
        public Count {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A decimal number with an optional unit ({@code null} for none), e.g. an accuracy or a score. */
    record Number(String name, double value, String unit) implements Metric {
        public Number {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A piece of text, e.g. an identified license. */
    record Text(String name, String value) implements Metric {
        public Text {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A yes or no, e.g. whether a file is sharded. */
    record Flag(String name, boolean value) implements Metric {
        public Flag {
            Objects.requireNonNull(name, "name");
        }
    }

    static Metric count(String name, long value) {
        return new Count(name, value);
    }

    static Metric number(String name, double value, String unit) {
        return new Number(name, value, unit);
    }

    static Metric text(String name, String value) {
        return new Text(name, value);
    }

    static Metric flag(String name, boolean value) {
        return new Flag(name, value);
    }
}
