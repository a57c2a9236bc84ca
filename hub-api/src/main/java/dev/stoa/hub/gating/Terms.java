package dev.stoa.hub.gating;

/**
 * The terms a user agreed to when asking for access: the card's {@code extra_gated_prompt} and the main-branch
 * commit whose card it was read from (so the exact text can be read back from git).
 *
 * @param commit null for a repository without commits
 */
record Terms(String prompt, String commit) {

    static Terms of(GateForm form) {
        return new Terms(form.prompt(), form.cardCommit());
    }
}
