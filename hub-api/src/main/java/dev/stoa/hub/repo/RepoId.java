package dev.stoa.hub.repo;

import dev.stoa.hub.error.ApiException;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of a repository as users write it: its type, namespace and name ({@code ns/name}).
 * Names follow the Hugging Face Hub's rules: letters, digits, '-', '_' and '.', at most 96 characters,
 * not starting or ending with '-' or '.', without '--' or '..', and not ending in {@code .git}.
 */
public record RepoId(RepoType type, String namespace, String name) {

    public static final int MAX_NAME_LENGTH = 96;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?");

    public RepoId {
        Objects.requireNonNull(type, "type is null");
        Objects.requireNonNull(namespace, "namespace is null");
        Objects.requireNonNull(name, "name is null");
    }

    /** Parses {@code ns/name}. */
    public static RepoId parse(RepoType type, String field, String id) {
        if (id == null || id.isBlank()) {
            throw ApiException.invalidField(field, "A repository id 'namespace/name' is required.");
        }
        int slash = id.indexOf('/');
        if (slash <= 0 || slash != id.lastIndexOf('/') || slash == id.length() - 1) {
            throw ApiException.invalidField(field, "'" + id + "' is not a repository id; write it as 'namespace/name'.");
        }
        return new RepoId(type, id.substring(0, slash), id.substring(slash + 1));
    }

    /** Throws a 400 naming {@code field} when {@code name} is not a valid repository name. */
    public static void checkName(String field, String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.invalidField(field, "A repository name is required.");
        }
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches() || name.contains("--")
                || name.contains("..") || name.endsWith(".git")) {
            throw ApiException.invalidField(field, "'" + name + "' is not a valid repository name: use at most "
                    + MAX_NAME_LENGTH + " letters, digits, '-', '_' and '.', not starting or ending with '-' or '.',"
                    + " without '--' or '..', and not ending in '.git'.");
        }
    }

    /** {@code ns/name}, as the HF API's {@code id} field. */
    public String id() {
        return namespace + "/" + name;
    }

    /** The path of the repository's web page and git remote: {@code ns/name} or {@code datasets/ns/name}. */
    public String urlPath() {
        return type.urlPrefix() + id();
    }

    @Override
    public String toString() {
        return urlPath();
    }
}
