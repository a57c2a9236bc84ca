package dev.stoa.hub.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A configured {@code stoa.base-url} that no client could use stops the start, saying why and what to set. */
class BaseUrlTest {

    @Test
    void aUsableBaseUrlLosesItsTrailingSlashesAndKeepsItsPrefix() {
        assertThat(BaseUrl.validated(" https://hub.example.org/stoa// ")).isEqualTo("https://hub.example.org/stoa");
        assertThat(BaseUrl.validated("http://10.0.0.5:8080")).isEqualTo("http://10.0.0.5:8080");
    }

    @Test
    void unusableBaseUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> BaseUrl.validated("ftp://hub.example.org")).hasMessageContaining("http:// or https://")
                .hasMessageContaining("STOA_BASE_URL");
        assertThatThrownBy(() -> BaseUrl.validated("hub.example.org")).hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> BaseUrl.validated("https:///path")).hasMessageContaining("no host");
        assertThatThrownBy(() -> BaseUrl.validated("https://hub.example.org/?x=1")).hasMessageContaining("no user, query");
        assertThatThrownBy(() -> BaseUrl.validated("https://user:secret@hub.example.org")).hasMessageContaining("no user");
        assertThatThrownBy(() -> BaseUrl.validated("https://hub example.org")).hasMessageContaining("not a URL");
    }
}
