package dev.stoa.hub.access;

import dev.stoa.hub.error.ApiException;

/** Something that stops everyone downloading a file or a repository, moderators included: a quarantine. */
public interface DownloadBlock {

    /** Why, in words the downloader reads. */
    String reason();

    /** The 403 {@code DisabledRepo} refusal every download route answers while the block holds. */
    ApiException refusal();
}
