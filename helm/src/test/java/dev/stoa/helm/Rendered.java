package dev.stoa.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What one {@code helm template} rendered, as typed Kubernetes objects. */
record Rendered(List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("Expected one " + kind.getSimpleName() + ", rendered " + found.size());
        }
        return found.getFirst();
    }

    <T extends HasMetadata> Optional<T> optional(Class<T> kind) {
        return all(kind).stream().findFirst();
    }

    Deployment deployment() {
        return one(Deployment.class);
    }

    PodSpec pod() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Container stoa() {
        return pod().getContainers().stream().filter(c -> c.getName().equals("stoa")).findFirst().orElseThrow();
    }

    /** Every container of the pod, init containers included. */
    Stream<Container> containers() {
        return Stream.concat(pod().getInitContainers().stream(), pod().getContainers().stream());
    }

    Optional<EnvVar> env(String name) {
        return stoa().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** The plain value of one of the Stoa container's environment variables. */
    String envValue(String name) {
        return env(name).map(EnvVar::getValue).orElseThrow(() -> new AssertionError("No " + name + " in the Stoa container"));
    }

    /** The properties file the chart's ConfigMap holds for Stoa. */
    String properties() {
        return one(ConfigMap.class).getData().get("stoa.properties");
    }
}
