package dev.stoa.helm;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm lint --strict} passes for every CI values file: templates parse, the manifests are valid YAML,
 * the values meet the schema. Lint reports a template's {@code fail} only as information, so the values
 * checks of {@code stoa.validateValues} are exercised by rendering (ChartRenderTest, InvalidValuesTest).
 */
class ChartLintTest {

    static List<String> ciValues() {
        return Chart.ciValues();
    }

    @ParameterizedTest
    @MethodSource("ciValues")
    void lintsCleanly(String values, @TempDir Path tmp) {
        LintResult result = Chart.lint(values, tmp);
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }
}
