package dev.stoa.helm;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** ci/production-values.yaml: replicas behind ingress-nginx with TLS, Keycloak, restricted traffic. */
class ProductionValuesTest {

    private final Rendered rendered = Chart.render("production");

    @Test
    void theIngressSendsEveryPathOfTheHostToStoaOverTls() {
        Ingress ingress = rendered.one(Ingress.class);
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getHosts()).containsExactly("hub.example.org");
            assertThat(tls.getSecretName()).isEqualTo("hub-stoa-tls");
        });
        IngressRule rule = ingress.getSpec().getRules().getFirst();
        assertThat(rule.getHost()).isEqualTo("hub.example.org");
        HTTPIngressPath path = rule.getHttp().getPaths().getFirst();
        assertThat(rule.getHttp().getPaths()).hasSize(1);
        assertThat(path.getPath()).isEqualTo("/");
        assertThat(path.getPathType()).isEqualTo("Prefix");

        Service service = rendered.one(Service.class);
        assertThat(path.getBackend().getService().getName()).isEqualTo(service.getMetadata().getName());
        ServicePort port = service.getSpec().getPorts().stream()
                .filter(p -> p.getName().equals(path.getBackend().getService().getPort().getName())).findFirst().orElseThrow();
        assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
        assertThat(rendered.stoa().getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getContainerPort()).isEqualTo(8080);
        });
    }

    @Test
    void multiGigabyteUploadsAndHourLongDownloadsGetThrough() {
        Map<String, String> annotations = rendered.one(Ingress.class).getMetadata().getAnnotations();
        // 0: no limit on the request body (git pushes of up to 5 GiB, LFS parts, commit payloads).
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "0");
        // Streamed both ways instead of spooled to the controller's disk first.
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off");
        assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off");
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"))).isGreaterThanOrEqualTo(3600);
        assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))).isGreaterThanOrEqualTo(3600);
        // The user's own annotations are added to the defaults, not instead of them.
        assertThat(annotations).containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
    }

    @Test
    void stoaIsConfiguredForTheClusterItRunsIn() {
        assertThat(rendered.deployment().getSpec().getReplicas()).isEqualTo(3);
        assertThat(rendered.stoa().getImage()).isEqualTo("stoa/stoa:0.1.0");
        assertThat(rendered.envValue("STOA_BASE_URL")).isEqualTo("https://hub.example.org");
        assertThat(rendered.envValue("STOA_DB_URL")).isEqualTo("jdbc:postgresql://pg-primary.db.svc.cluster.local:5432/stoa_prod?sslmode=require");
        assertThat(rendered.envValue("STOA_DB_USERNAME")).isEqualTo("stoa_app");
        assertThat(secretRef("STOA_DB_PASSWORD")).isEqualTo("stoa-db/stoa-password");
        assertThat(rendered.envValue("STOA_STORAGE_S3_PUBLIC_ENDPOINT")).isEqualTo("https://objects.example.org");
        assertThat(rendered.envValue("STOA_STORAGE_S3_BUCKET")).isEqualTo("stoa-prod");
        assertThat(rendered.envValue("STOA_STORAGE_S3_REGION")).isEqualTo("eu-west-1");
        assertThat(secretRef("STOA_STORAGE_S3_ACCESS_KEY")).isEqualTo("stoa-s3/access-key");
        assertThat(secretRef("STOA_STORAGE_S3_SECRET_KEY")).isEqualTo("stoa-s3/secret-key");
        assertThat(secretRef("STOA_ADMIN_TOKEN")).isEqualTo("stoa-admin/token");
        assertThat(rendered.envValue("STOA_OIDC_ISSUER")).isEqualTo("https://sso.example.org/realms/stoa");
        assertThat(rendered.envValue("STOA_OIDC_CLIENT_ID")).isEqualTo("stoa-portal");
        assertThat(secretRef("STOA_OIDC_CLIENT_SECRET")).isEqualTo("stoa-oidc/client-secret");
        assertThat(rendered.envValue("STOA_OIDC_AUDIENCE")).isEqualTo("stoa");
        assertThat(rendered.envValue("STOA_OIDC_DEVICE_CLIENT_ID")).isEqualTo("stoa-cli");
        assertThat(rendered.envValue("STOA_AUDIT_TRUST_FORWARDED_FOR")).isEqualTo("true");
        assertThat(rendered.envValue("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING")).isEqualTo("true");
        assertThat(rendered.properties()).contains("stoa.accounts.registration=admin-only",
                "stoa.checks.security-plugins=pickle-scanner,safetensors-inspector");
    }

    @Test
    void onlyTheIngressControllerReachesStoaAndStoaReachesOnlyItsServices() {
        NetworkPolicy policy = rendered.one(NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        NetworkPolicyIngressRule in = policy.getSpec().getIngress().getFirst();
        assertThat(in.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
        assertThat(in.getFrom()).filteredOn(peer -> peer.getNamespaceSelector() != null).singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
        assertThat(in.getFrom()).allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull());
        // Prometheus, from its own namespace, through an extra rule.
        assertThat(policy.getSpec().getIngress()).hasSize(2);
        assertThat(policy.getSpec().getIngress().get(1).getFrom().getFirst().getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "monitoring");
        List<Integer> egressPorts = policy.getSpec().getEgress().stream()
                .flatMap(rule -> rule.getPorts().stream()).map(p -> p.getPort().getIntVal()).toList();
        assertThat(egressPorts).contains(53, 5432, 9000, 443);
    }

    @Test
    void withoutRestrictionsAnyoneMayConnectToTheHttpPortOnly() {
        NetworkPolicy policy = Chart.render("minimal").one(NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        NetworkPolicyIngressRule in = policy.getSpec().getIngress().getFirst();
        assertThat(in.getFrom()).isEmpty();
        assertThat(in.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
    }

    private String secretRef(String env) {
        EnvVar var = rendered.env(env).orElseThrow();
        return var.getValueFrom().getSecretKeyRef().getName() + "/" + var.getValueFrom().getSecretKeyRef().getKey();
    }
}
