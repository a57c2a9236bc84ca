package dev.stoa.ui.view.deploy;

import java.util.List;

/**
 * The deploy form's fields as typed (kept when the form is refused).
 *
 * @param owners   the namespaces the viewer may deploy for
 * @param adapters one {@code ns/name} per line
 * @param options  one {@code key=value} engine option per line
 */
public record DeployForm(String name, String owner, List<String> owners, String runner, String cpu, String memory,
        String gpus, String gpuType, String adapters, String options, String scaleToZero) {
}
