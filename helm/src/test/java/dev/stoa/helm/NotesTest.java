package dev.stoa.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The notes printed after an install say how to reach Stoa and where the administrator's token is. */
class NotesTest {

    @Test
    void withoutIngressTheNotesPortForwardAndPointAtTheGeneratedCredentialsInTheLog() {
        String notes = Chart.installOutput("minimal", Map.of());
        assertThat(notes).contains("kubectl -n ml rollout status deployment/hub-stoa")
                .contains("kubectl -n ml port-forward service/hub-stoa 8080:80")
                .contains("export HF_ENDPOINT=http://stoa.example.test")
                .contains("kubectl -n ml logs -l app.kubernetes.io/instance=hub --tail=-1 | grep -E 'admin (password|API token)'");
    }

    @Test
    void withIngressTheNotesGiveTheUrlAndTheTokensSecret() {
        String notes = Chart.installOutput("production", Map.of());
        assertThat(notes).contains("https://hub.example.org/   (ingress, certificate from Secret hub-stoa-tls)")
                .contains("kubectl -n ml get secret stoa-admin -o jsonpath='{.data.token}' | base64 -d")
                .doesNotContain("port-forward")
                .doesNotContain("trustProxyHeaders is false");
    }

    @Test
    void anIngressWithoutTrustedProxyHeadersIsPointedOut() {
        String notes = Chart.installOutput("production", Map.of("trustProxyHeaders", "false"));
        assertThat(notes).contains("trustProxyHeaders is false, so Stoa sees the ingress controller's address");
    }
}
