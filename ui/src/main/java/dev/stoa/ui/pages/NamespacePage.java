package dev.stoa.ui.pages;

import dev.stoa.ui.browse.NamespaceView;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

/** {@code /{ns}}: a user's or an organisation's repositories (and members, likes). */
public record NamespacePage(Site site, Viewer viewer, NamespaceView ns) implements TemplateInstance {
}
