package dev.stoa.spi.testkit;

import dev.stoa.spi.CheckResult;
import dev.stoa.spi.Finding;
import dev.stoa.spi.Metric;
import dev.stoa.spi.Severity;
import dev.stoa.spi.Verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Fluent assertions on a {@link CheckResult}, for plugin tests. Each failed assertion throws an
 * {@link AssertionError} whose message shows what was expected and the whole result (verdict, findings,
 * metrics), so a failing test explains itself. Works with any test framework; JDK only.
 *
 * <pre>{@code
 * CheckResultAssert.assertThat(result)
 *         .hasVerdict(Verdict.FAIL)
 *         .hasFinding(Severity.CRITICAL, "pickle.import.os.system", "model.bin")
 *         .hasNoFinding("pickle.truncated")
 *         .hasMetric("files.count", 3);
 * }</pre>
 */
public final class CheckResultAssert {

    private final CheckResult actual;

    private CheckResultAssert(CheckResult actual) {
        this.actual = actual;
    }

    /** Starts assertions on {@code result}; fails at once when it is {@code null}. */
    public static CheckResultAssert assertThat(CheckResult result) {
        if (result == null) {
            throw new AssertionError("Expected a check result but the check returned null (checks never return null)");
        }
        return new CheckResultAssert(result);
    }

    public CheckResultAssert hasVerdict(Verdict expected) {
        if (actual.verdict() != expected) {
            fail("Expected verdict " + expected + " but was " + actual.verdict());
        }
        return this;
    }

    /** A finding with this code exists. */
    public CheckResultAssert hasFinding(String code) {
        return hasFindingWhere(f -> f.code().equals(code), "a finding with code '" + code + "'");
    }

    /** A finding with this code about this file exists ({@code null} path: about the whole revision). */
    public CheckResultAssert hasFinding(String code, String path) {
        return hasFindingWhere(f -> f.code().equals(code) && Objects.equals(f.path(), path),
                "a finding with code '" + code + "' on " + describePath(path));
    }

    /** A finding with this severity and code exists. */
    public CheckResultAssert hasFinding(Severity severity, String code) {
        return hasFindingWhere(f -> f.severity() == severity && f.code().equals(code),
                "a " + severity + " finding with code '" + code + "'");
    }

    /** A finding with this severity and code about this file exists ({@code null} path: the whole revision). */
    public CheckResultAssert hasFinding(Severity severity, String code, String path) {
        return hasFindingWhere(f -> f.severity() == severity && f.code().equals(code) && Objects.equals(f.path(), path),
                "a " + severity + " finding with code '" + code + "' on " + describePath(path));
    }

    /** A finding matching {@code condition} exists; {@code description} says what was expected. */
    public CheckResultAssert hasFindingWhere(Predicate<Finding> condition, String description) {
        if (actual.findings().stream().noneMatch(condition)) {
            fail("Expected " + description + " but there was none");
        }
        return this;
    }

    /** No finding has this code. */
    public CheckResultAssert hasNoFinding(String code) {
        List<Finding> found = actual.findings().stream().filter(f -> f.code().equals(code)).toList();
        if (!found.isEmpty()) {
            fail("Expected no finding with code '" + code + "' but found " + found.size());
        }
        return this;
    }

    /** There are no findings at all. */
    public CheckResultAssert hasNoFindings() {
        if (!actual.findings().isEmpty()) {
            fail("Expected no findings but found " + actual.findings().size());
        }
        return this;
    }

    /** No finding is more severe than {@code severity} (e.g. {@code hasNoFindingsAbove(Severity.INFO)}). */
    public CheckResultAssert hasNoFindingsAbove(Severity severity) {
        List<Finding> above = actual.findings().stream().filter(f -> f.severity().compareTo(severity) > 0).toList();
        if (!above.isEmpty()) {
            fail("Expected no findings above " + severity + " but found " + above.size());
        }
        return this;
    }

    /** Exactly {@code count} findings. */
    public CheckResultAssert hasFindingCount(int count) {
        if (actual.findings().size() != count) {
            fail("Expected " + count + " findings but found " + actual.findings().size());
        }
        return this;
    }

    /** A metric with this name exists, of any type. */
    public CheckResultAssert hasMetric(String name) {
        metric(name);
        return this;
    }

    /** A {@link Metric.Count} with this name and value exists. */
    public CheckResultAssert hasMetric(String name, long value) {
        if (!(metric(name) instanceof Metric.Count count) || count.value() != value) {
            fail("Expected metric " + name + " = " + value + " (a count) but it was " + metric(name));
        }
        return this;
    }

    /** A {@link Metric.Number} with this name exists and is within {@code 1e-9} of {@code value}. */
    public CheckResultAssert hasMetric(String name, double value) {
        if (!(metric(name) instanceof Metric.Number number) || Math.abs(number.value() - value) > 1e-9) {
            fail("Expected metric " + name + " = " + value + " (a number) but it was " + metric(name));
        }
        return this;
    }

    /** A {@link Metric.Text} with this name and value exists. */
    public CheckResultAssert hasMetric(String name, String value) {
        if (!(metric(name) instanceof Metric.Text text) || !text.value().equals(value)) {
            fail("Expected metric " + name + " = '" + value + "' (a text) but it was " + metric(name));
        }
        return this;
    }

    /** A {@link Metric.Flag} with this name and value exists. */
    public CheckResultAssert hasMetric(String name, boolean value) {
        if (!(metric(name) instanceof Metric.Flag flag) || flag.value() != value) {
            fail("Expected metric " + name + " = " + value + " (a flag) but it was " + metric(name));
        }
        return this;
    }

    /** No metric has this name. */
    public CheckResultAssert hasNoMetric(String name) {
        if (findMetric(name).isPresent()) {
            fail("Expected no metric " + name + " but it was " + findMetric(name).get());
        }
        return this;
    }

    /** The summary contains {@code text}. */
    public CheckResultAssert summaryContains(String text) {
        if (!actual.summary().contains(text)) {
            fail("Expected the summary to contain '" + text + "'");
        }
        return this;
    }

    /** The first (most severe) finding with this code, for further assertions on its message. */
    public Finding finding(String code) {
        return actual.findings().stream().filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> error("Expected a finding with code '" + code + "' but there was none"));
    }

    /** The metric with this name, for further assertions. */
    public Metric metric(String name) {
        return findMetric(name).orElseThrow(() -> error("Expected a metric " + name + " but there was none"));
    }

    private Optional<Metric> findMetric(String name) {
        return actual.metrics().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    private static String describePath(String path) {
        return path == null ? "the whole revision" : "'" + path + "'";
    }

    private void fail(String message) {
        throw error(message);
    }

    private AssertionError error(String message) {
        return new AssertionError(message + "\n" + describe(actual));
    }

    /** The result as the assertion messages show it: verdict, findings one a line, metrics, summary. */
    public static String describe(CheckResult result) {
        StringBuilder out = new StringBuilder("Result: ").append(result.verdict());
        out.append("\nFindings (").append(result.findings().size()).append("):");
        for (Finding f : result.findings()) {
            out.append("\n  ").append(f.severity()).append(' ').append(f.code())
                    .append(f.path() == null ? "" : " [" + f.path() + "]").append(": ").append(f.message());
        }
        out.append("\nMetrics: ").append(result.metrics().stream().map(CheckResultAssert::describe)
                .collect(Collectors.joining(", ", "[", "]")));
        if (!result.summary().isEmpty()) {
            out.append("\nSummary: ").append(result.summary());
        }
        return out.toString();
    }

    private static String describe(Metric metric) {
        return switch (metric) {
            case Metric.Count c -> c.name() + "=" + c.value();
            case Metric.Number n -> n.name() + "=" + n.value() + (n.unit() == null ? "" : " " + n.unit());
            case Metric.Text t -> t.name() + "='" + t.value() + "'";
            case Metric.Flag f -> f.name() + "=" + f.value();
        };
    }
}
