package dev.stoa.plugins.kubernetes;

import dev.stoa.spi.inference.DeploymentStatus;
import dev.stoa.spi.inference.DeploymentStatus.State;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a deployment's pods say, in words for the people waiting: not schedulable (and why, with the GPUs it lacks),
 * the image not pulled, vLLM crashing or out of memory, still starting, or ready.
 */
final class PodStatuses {

    private static final Set<String> IMAGE_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");

    private PodStatuses() {
    }

    static DeploymentStatus of(List<Pod> pods, String gpuResource, int gpus) {
        if (pods.isEmpty()) {
            return DeploymentStatus.of(State.PENDING, "waiting for Kubernetes to create the pod");
        }
        Pod pod = pods.getFirst();
        if (pod.getStatus() == null) {
            return DeploymentStatus.of(State.PENDING, "waiting for Kubernetes to schedule the pod");
        }
        Optional<PodCondition> unschedulable = condition(pod, "PodScheduled")
                .filter(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()));
        if (unschedulable.isPresent()) {
            String why = text(unschedulable.get().getMessage());
            if (why.contains("Insufficient " + gpuResource)) {
                return DeploymentStatus.of(State.PENDING, "no node has " + gpus + " free " + gpuResource + " (" + why + ")");
            }
            return DeploymentStatus.of(State.PENDING, "no node can take the pod: " + why);
        }
        for (ContainerStatus container : containers(pod)) {
            ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
            ContainerStateTerminated last = container.getLastState() == null ? null : container.getLastState().getTerminated();
            if (waiting != null && IMAGE_FAILURES.contains(waiting.getReason())) {
                return DeploymentStatus.of(State.FAILED, "image could not be pulled: " + text(waiting.getMessage()));
            }
            if (last != null && "OOMKilled".equals(last.getReason())) {
                return DeploymentStatus.of(State.FAILED, "vLLM ran out of memory (OOMKilled, restarted "
                        + container.getRestartCount() + " times); ask for more memory or a smaller max-model-len");
            }
            if (waiting != null && "CrashLoopBackOff".equals(waiting.getReason())) {
                String exit = last == null ? "" : ": it last exited with code " + last.getExitCode()
                        + (last.getMessage() == null ? "" : " (" + text(last.getMessage()) + ")");
                return DeploymentStatus.of(State.FAILED, "vLLM keeps crashing (restarted " + container.getRestartCount()
                        + " times)" + exit);
            }
        }
        if (condition(pod, "Ready").filter(c -> "True".equals(c.getStatus())).isPresent()) {
            return DeploymentStatus.of(State.READY, "");
        }
        boolean running = containers(pod).stream().anyMatch(c -> c.getState() != null && c.getState().getRunning() != null);
        return DeploymentStatus.of(State.LOADING, running ? "vLLM is downloading the weights and starting"
                : "the pod is starting");
    }

    private static Optional<PodCondition> condition(Pod pod, String type) {
        List<PodCondition> conditions = pod.getStatus().getConditions();
        return conditions == null ? Optional.empty() : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static List<ContainerStatus> containers(Pod pod) {
        List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
        return statuses == null ? List.of() : statuses;
    }

    private static String text(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }
}
