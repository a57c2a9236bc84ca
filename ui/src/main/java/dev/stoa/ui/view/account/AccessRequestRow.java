package dev.stoa.ui.view.account;

import java.util.List;

/**
 * One access request as the owners' page lists it.
 *
 * @param email     shown only when the user asked (and so agreed to share it); otherwise {@code null}
 * @param decidedBy who accepted, rejected or granted it; {@code null} while pending or when accepted automatically
 * @param answers   the form's answers, label and value
 */
public record AccessRequestRow(String user, String fullname, String email, String status, String requestedAt,
                               String decidedAt, String decidedBy, String reason, boolean requestedByUser,
                               List<Answer> answers) {

    public record Answer(String label, String value) {
    }
}
