package dev.stoa.spi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpiVersionTest {

    @Test
    void sameMajorAndNoNewerMinorIsSupported() {
        assertThat(SpiVersion.supports(SpiVersion.MAJOR, SpiVersion.MINOR)).isTrue();
        assertThat(SpiVersion.supports(SpiVersion.MAJOR, 0)).isTrue();
        assertThat(SpiVersion.Required.current().isSupported()).isTrue();
    }

    @Test
    void newerMinorOrOtherMajorIsRefused() {
        assertThat(SpiVersion.supports(SpiVersion.MAJOR, SpiVersion.MINOR + 1)).isFalse();
        assertThat(SpiVersion.supports(SpiVersion.MAJOR + 1, 0)).isFalse();
        assertThat(SpiVersion.supports(SpiVersion.MAJOR - 1, SpiVersion.MINOR)).isFalse();
        assertThat(new SpiVersion.Required(2, 0).isSupported()).isFalse();
    }

    @Test
    void versionsPrintAsMajorDotMinor() {
        assertThat(SpiVersion.current()).isEqualTo(SpiVersion.MAJOR + "." + SpiVersion.MINOR);
        assertThat(new SpiVersion.Required(1, 3)).hasToString("1.3");
    }

    @Test
    void descriptorIdsAreLowercaseWithDashes() {
        assertThat(PluginDescriptor.of("pickle-scanner", "Pickle scanner", "1.0", null).requiredSpi())
                .isEqualTo(SpiVersion.Required.current());
        for (String bad : List.of("Pickle", "p", "-x", "1abc", "has_underscore", "has.dot")) {
            assertThatThrownBy(() -> PluginDescriptor.of(bad, "n", "1", null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    @Test
    void repoRefsPrintAsTheHubNamesThem() {
        assertThat(new RepoRef("model", "acme", "m")).hasToString("acme/m");
        assertThat(new RepoRef("dataset", "acme", "d")).hasToString("datasets/acme/d");
        assertThat(new RevisionFile("a/b/c.bin", 1, "00", false).fileName()).isEqualTo("c.bin");
    }
}
