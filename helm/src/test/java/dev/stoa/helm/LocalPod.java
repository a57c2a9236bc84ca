package dev.stoa.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Stoa container of a rendered pod, brought to this machine: each volume mount becomes a local
 * folder (a ConfigMap's keys written into it as files), paths in the environment point into those folders,
 * and {@code secretKeyRef}s are resolved against the Secrets the test hands in, as the kubelet would.
 */
final class LocalPod {

    private final Map<String, Path> mounts = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    LocalPod(Rendered rendered, Map<String, Map<String, String>> secrets, Path root) throws IOException {
        Container stoa = rendered.stoa();
        for (VolumeMount mount : stoa.getVolumeMounts()) {
            Path local = Files.createDirectories(root.resolve(mount.getName()));
            Volume volume = rendered.pod().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("No volume for mount " + mount.getName()));
            if (volume.getConfigMap() != null) {
                ConfigMap configMap = rendered.all(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().equals(volume.getConfigMap().getName())).findFirst()
                        .orElseThrow(() -> new AssertionError("The pod mounts a ConfigMap the chart does not render"));
                for (Map.Entry<String, String> file : configMap.getData().entrySet()) {
                    Files.writeString(local.resolve(file.getKey()), file.getValue());
                }
            }
            mounts.put(mount.getMountPath(), local);
        }
        for (EnvVar env : stoa.getEnv()) {
            String value = env.getValueFrom() == null ? local(env.getValue()) : secret(env, secrets);
            if (value != null) {
                environment.put(env.getName(), value);
            }
        }
    }

    /** The local folder standing for the volume mounted at {@code mountPath}. */
    Path mount(String mountPath) {
        Path local = mounts.get(mountPath);
        if (local == null) {
            throw new AssertionError("The Stoa container mounts nothing at " + mountPath);
        }
        return local;
    }

    Map<String, String> environment() {
        return environment;
    }

    /** A container path under one of the mounts, as the local path; other values unchanged. */
    private String local(String value) {
        for (Map.Entry<String, Path> mount : mounts.entrySet()) {
            if (value.equals(mount.getKey()) || value.startsWith(mount.getKey() + "/")) {
                return mount.getValue() + value.substring(mount.getKey().length());
            }
        }
        return value;
    }

    private static String secret(EnvVar env, Map<String, Map<String, String>> secrets) {
        SecretKeySelector ref = env.getValueFrom().getSecretKeyRef();
        if (ref == null) {
            throw new AssertionError(env.getName() + " takes its value from something other than a Secret");
        }
        String value = secrets.getOrDefault(ref.getName(), Map.of()).get(ref.getKey());
        if (value == null && !Boolean.TRUE.equals(ref.getOptional())) {
            throw new AssertionError("The pod would not start: " + env.getName() + " needs key " + ref.getKey()
                    + " of Secret " + ref.getName());
        }
        return value;
    }
}
