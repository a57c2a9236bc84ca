package dev.stoa.plugins.cpurunner;

import java.util.List;

/**
 * Finds stop strings in generated text as it grows, and holds back a tail that could still become one, so streamed
 * text never shows the start of a stop string.
 */
final class StopStrings {

    private final List<String> stops;
    private final StringBuilder text = new StringBuilder();
    private int released;
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    /** Adds generated text; returns the text that is now final (possibly empty). */
    String add(String piece) {
        if (stopped) {
            return "";
        }
        text.append(piece);
        int cut = -1;
        for (String stop : stops) {
            int at = text.indexOf(stop, Math.max(0, released - stop.length() + 1));
            if (at >= 0 && (cut < 0 || at < cut)) {
                cut = at;
            }
        }
        if (cut >= 0) {
            stopped = true;
            text.setLength(cut);
            return release(text.length());
        }
        return release(text.length() - heldBack());
    }

    /** Whether a stop string was found. */
    boolean stopped() {
        return stopped;
    }

    /** Releases whatever is still held (generation ended without a stop string). */
    String flush() {
        return release(text.length());
    }

    /** The completion's text so far, without the stop string. */
    String text() {
        return text.toString();
    }

    private int heldBack() {
        int hold = 0;
        for (String stop : stops) {
            for (int k = Math.min(stop.length() - 1, text.length() - released); k > hold; k--) {
                if (text.substring(text.length() - k).equals(stop.substring(0, k))) {
                    hold = k;
                    break;
                }
            }
        }
        return hold;
    }

    private String release(int upTo) {
        if (upTo <= released) {
            return "";
        }
        String out = text.substring(released, upTo);
        released = upTo;
        return out;
    }
}
