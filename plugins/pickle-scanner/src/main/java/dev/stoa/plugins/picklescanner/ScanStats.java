package dev.stoa.plugins.picklescanner;

/** Counters of one evaluation (one thread): what the metrics report. */
final class ScanStats {
    long bytesRead;
    long filesScanned;
    long streamsScanned;
    long importsFound;
    long importsFlagged;
    long importsDangerous;
    long filesFlagged;
}
