package dev.stoa.ui.pages;

import dev.stoa.ui.view.Choice;
import dev.stoa.ui.view.Site;
import dev.stoa.ui.view.Viewer;
import io.quarkus.qute.TemplateInstance;

import java.util.List;

/**
 * The form that creates a model or dataset repository.
 *
 * @param dataset   whether the form creates a dataset (otherwise a model)
 * @param owners    the namespaces the viewer may create in (themselves first, then organisations they write to)
 * @param name      the name typed in the last attempt, kept after an error
 * @param isPrivate whether "private" is chosen
 * @param licenses  the licence choices, one of them selected ("none" by default)
 * @param error     what was wrong with the last attempt, or {@code null}
 */
public record NewRepoPage(Site site, Viewer viewer, boolean dataset, List<Choice> owners, String name, boolean isPrivate,
                          List<Choice> licenses, String error) implements TemplateInstance {
}
