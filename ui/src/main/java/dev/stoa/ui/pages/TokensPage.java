package dev.stoa.ui.pages;

import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import dev.stoa.ui.view.account.CreatedToken;
import dev.stoa.ui.view.account.TokenForm;
import dev.stoa.ui.view.account.TokenRow;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The viewer's access tokens: the list, the form for a new one and, right after creating one, its secret.
 *
 * @param created the token just created with its secret (shown this once), or {@code null}
 * @param notice  what the last action did, or {@code null}
 * @param error   why the last form was refused, or {@code null}
 */
public record TokensPage(Site site, Viewer viewer, List<TokenRow> tokens, TokenForm form, CreatedToken created,
                         String notice, String error) implements TemplateInstance {
}
