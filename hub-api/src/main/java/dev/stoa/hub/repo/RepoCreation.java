package dev.stoa.hub.repo;

import dev.stoa.hub.identity.AccountView;
import dev.stoa.hub.identity.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a repository as the Hugging Face Hub does: with a first commit on {@code main} holding a
 * {@code .gitattributes} that tracks the usual weight and archive formats with git-lfs, so that clients
 * always find a branch and a commit.
 */
@ApplicationScoped
public class RepoCreation {

    private static final byte[] GITATTRIBUTES = load();

    private final RepoService repos;
    private final CommitService commits;
    private final Instance<NewRepositoryRule> rules;

    public RepoCreation(RepoService repos, CommitService commits, Instance<NewRepositoryRule> rules) {
        this.repos = repos;
        this.commits = commits;
        this.rules = rules;
    }

    /**
     * Creates the repository; private when asked, or when a {@link NewRepositoryRule} (the organisation's
     * publishing policy) does not let the creator publish it publicly.
     */
    public RepoView create(Caller creator, AccountView owner, RepoType type, String name, boolean isPrivate) {
        return create(creator, owner, type, name, isPrivate, List.of());
    }

    /**
     * Creates the repository with {@code files} in its first commit (their own {@code .gitattributes} replaces the
     * default one). When that commit is refused, the repository is removed again: it exists whole or not at all.
     */
    public RepoView create(Caller creator, AccountView owner, RepoType type, String name, boolean isPrivate,
                           List<FileOperation.PutFile> files) {
        boolean keepPrivate = isPrivate || rules.stream().anyMatch(rule -> rule.mustBePrivate(creator, owner).isPresent());
        List<FileOperation> initial = new ArrayList<>();
        if (files.stream().noneMatch(file -> file.path().equals(".gitattributes"))) {
            initial.add(new FileOperation.PutFile(".gitattributes", GITATTRIBUTES));
        }
        initial.addAll(files);
        RepoView repo = repos.create(creator, owner, type, name, keepPrivate);
        try {
            commits.commit(repo, creator, new CommitRequest(Refs.MAIN, Optional.empty(), "initial commit", null,
                    initial, false));
        } catch (RuntimeException e) {
            repos.delete(repo);
            throw e;
        }
        return repos.findById(repo.id()).orElseThrow();
    }

    private static byte[] load() {
        try (InputStream in = RepoCreation.class.getResourceAsStream("/repo/default.gitattributes")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
