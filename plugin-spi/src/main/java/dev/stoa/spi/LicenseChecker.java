package dev.stoa.spi;

import java.io.IOException;

/**
 * Identifies a revision's license and checks it: against the organisation's policy, and against the licenses
 * of the base models it derives from ({@link Revision#baseModels()}).
 *
 * <p>Same lifecycle, threading and failure rules as {@link Evaluator}. Report the identified license as the
 * metric {@code license.id} (an SPDX identifier or a known model license id) so that the host and governance
 * can use it.
 */
public interface LicenseChecker {

    default boolean appliesTo(Revision revision) {
        return true;
    }

    /** Checks the revision's license. Never returns {@code null}. */
    CheckResult check(Revision revision, CheckContext context) throws IOException;
}
