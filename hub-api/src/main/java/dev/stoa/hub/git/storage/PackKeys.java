package dev.stoa.hub.git.storage;

import org.eclipse.jgit.internal.storage.dfs.DfsPackDescription;
import org.eclipse.jgit.internal.storage.pack.PackExt;

/** Where the files of a repository's packs live in the object store: {@code git/<repoId>/pack/<pack>.<ext>}. */
public final class PackKeys {

    private PackKeys() {
    }

    /** The prefix of everything a repository keeps in the object store. */
    public static String repositoryPrefix(long repoId) {
        return "git/" + repoId + "/";
    }

    /** The prefix of the repository's pack files. */
    public static String packPrefix(long repoId) {
        return repositoryPrefix(repoId) + "pack/";
    }

    public static String key(long repoId, DfsPackDescription pack, PackExt ext) {
        return packPrefix(repoId) + pack.getFileName(ext);
    }

    public static String key(long repoId, String packName, PackExt ext) {
        return packPrefix(repoId) + packName + "." + ext.getExtension();
    }

    /** The pack name of a key under {@link #packPrefix}: the file name without its extension. */
    public static String packNameOf(String key) {
        String file = key.substring(key.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }

    static PackExt extension(String name) {
        for (PackExt ext : PackExt.values()) {
            if (ext.getExtension().equals(name)) {
                return ext;
            }
        }
        return null;
    }
}
