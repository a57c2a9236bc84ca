package dev.stoa.hub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copying model files to responses. */
public final class Streams {

    /** Large enough that the network, not the number of writes, sets the pace; small enough to never matter for memory. */
    private static final int BUFFER_BYTES = 256 * 1024;

    private Streams() {
    }

    /** Copies {@code in} to {@code out} to its end, in pieces of 256 KiB ({@link InputStream#transferTo} uses 16 KiB). */
    public static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }
}
