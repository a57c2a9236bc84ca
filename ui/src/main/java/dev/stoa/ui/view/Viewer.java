package dev.stoa.ui.view;

/**
 * Who is looking at a page: the signed-in account, or an anonymous visitor.
 *
 * @param name      the account name, or {@code null} when nobody is signed in
 * @param admin     whether the account administers this Stoa
 * @param csrfToken the token every form on the page sends back (field {@code csrf}), so that a form posted
 *                  from another site is refused; {@code null} on pages without forms
 * @param moderator whether the account moderates (quarantines, reports)
 * @param curator   whether the account curates for the whole platform or for an organisation's repositories
 */
public record Viewer(String name, boolean admin, String csrfToken, boolean moderator, boolean curator) {

    public Viewer(String name, boolean admin, String csrfToken) {
        this(name, admin, csrfToken, false, false);
    }

    public static final Viewer ANONYMOUS = new Viewer(null, false, null);

    public boolean signedIn() {
        return name != null;
    }
}
