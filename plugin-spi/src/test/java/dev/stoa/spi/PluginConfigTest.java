package dev.stoa.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginConfigTest {

    private final PluginConfig config = new PluginConfig(Map.of(
            "count", " 12 ", "big", "9000000000", "on", "TRUE", "wait", "5m", "names", "a, b,,c ,", "text", "hello"));

    @Test
    void typedGettersReadValuesAndFallBack() {
        assertThat(config.getInt("count", 0)).isEqualTo(12);
        assertThat(config.getLong("big", 0)).isEqualTo(9_000_000_000L);
        assertThat(config.getBoolean("on", false)).isTrue();
        assertThat(config.getDuration("wait", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.getList("names")).containsExactly("a", "b", "c");
        assertThat(config.get("text")).contains("hello");
        assertThat(config.getInt("missing", 7)).isEqualTo(7);
        assertThat(config.getList("missing")).isEmpty();
        assertThat(config.require("text")).isEqualTo("hello");
    }

    @Test
    void requireNamesTheMissingProperty() {
        assertThatThrownBy(() -> PluginConfig.empty().require("api-key"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'api-key'");
    }

    @ParameterizedTest
    @CsvSource({"PT30S,30000", "30s,30000", "30,30000", "250ms,250", "5m,300000", "2h,7200000", "1d,86400000", "' 10S ',10000"})
    void durationsInEveryAcceptedForm(String text, long millis) {
        assertThat(PluginConfig.parseDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void unknownDurationUnitsAreRefused() {
        assertThatThrownBy(() -> PluginConfig.parseDuration("3w")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3w");
    }
}
