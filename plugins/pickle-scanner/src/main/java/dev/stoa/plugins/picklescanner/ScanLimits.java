package dev.stoa.plugins.picklescanner;

/**
 * Bounds on the work of one evaluation.
 *
 * @param maxBytesPerFile   bytes of pickle streams walked per repository file; past it the file gets a
 *                          {@code pickle.limit} finding
 * @param maxArchiveEntries entries of one zip or members of one tar that the scanner lists
 * @param maxNesting        how many containers deep (zip in tar in gzip...) the scanner descends
 * @param sniffAllFiles     whether every file's first bytes are examined, or only files with candidate names
 */
record ScanLimits(long maxBytesPerFile, int maxArchiveEntries, int maxNesting, boolean sniffAllFiles) {

    static ScanLimits defaults() {
        return new ScanLimits(1L << 30, 100_000, 4, true);
    }
}
