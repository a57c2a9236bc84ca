package dev.stoa.ui.view.moderation;

import java.util.List;

/**
 * What a repository page shows about moderation: its active quarantines, how owners resolve them, and the report
 * form.
 *
 * @param wholeRepository whether the whole repository is quarantined
 * @param owner           whether the viewer can write the repository (and is told how to resolve a quarantine)
 * @param reportUrl       where the report form posts; {@code null} for anonymous viewers
 * @param signInUrl       where anonymous viewers sign in to report
 * @param reported        whether the viewer just sent a report
 */
public record ModerationNotice(List<QuarantineLine> quarantines, boolean wholeRepository, boolean owner, String reportUrl,
                               List<String> reasons, String signInUrl, boolean reported) {

    public boolean quarantined() {
        return !quarantines.isEmpty();
    }
}
