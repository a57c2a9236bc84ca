package dev.stoa.ui.view;

/**
 * Who is looking at a page: the signed-in account, or an anonymous visitor.
 *
 * @param name  the account name, or {@code null} when nobody is signed in
 * @param admin whether the account administers this Stoa
 */
public record Viewer(String name, boolean admin) {

    public static final Viewer ANONYMOUS = new Viewer(null, false);

    public boolean signedIn() {
        return name != null;
    }
}
