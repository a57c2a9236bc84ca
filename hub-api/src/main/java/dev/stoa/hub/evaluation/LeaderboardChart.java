package dev.stoa.hub.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A leaderboard as a picture: score against parameter count (logarithmic), one point per model with its standard
 * error as a bar, adapters in their own colour joined to their base by a dashed line, each point linking to its run.
 * Server-rendered SVG, every text escaped; models without a known size (external ones) are listed under the chart.
 */
final class LeaderboardChart {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 40;
    private static final int BOTTOM = 70;
    private static final Map<String, String> COLOURS = Map.of("model", "#2563eb", "adapter", "#16a34a",
            "external", "#9333ea");

    private LeaderboardChart() {
    }

    static String render(Leaderboards.Board board) {
        List<Leaderboards.Entry> placed = board.entries().stream().filter(e -> e.parameters().isPresent()).toList();
        List<Leaderboards.Entry> unplaced = board.entries().stream().filter(e -> e.parameters().isEmpty()).toList();
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<title>").append(escape(board.task() + ": " + board.metric() + " against parameters")).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"").append(LEFT).append("\" y=\"22\" font-size=\"15\" font-weight=\"bold\">")
                .append(escape(board.task() + " — " + board.metric() + (board.higherIsBetter() ? " (higher is better)"
                        : " (lower is better)"))).append("</text>\n");
        if (placed.isEmpty()) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT / 2)
                    .append("\">No model of known size has a result here yet.</text>\n");
        } else {
            plot(svg, board, placed);
        }
        if (!unplaced.isEmpty()) {
            svg.append("<text x=\"").append(LEFT).append("\" y=\"").append(HEIGHT - 12).append("\" fill=\"#555\">")
                    .append(escape("Size unknown: " + unplaced.stream().map(e -> e.model() + " " + format(e.value()))
                            .collect(Collectors.joining(", ")))).append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static void plot(StringBuilder svg, Leaderboards.Board board, List<Leaderboards.Entry> placed) {
        double minX = placed.stream().mapToDouble(e -> Math.log10(e.parameters().getAsLong())).min().orElseThrow();
        double maxX = placed.stream().mapToDouble(e -> Math.log10(e.parameters().getAsLong())).max().orElseThrow();
        minX = Math.floor(minX - 0.2);
        maxX = Math.ceil(maxX + 0.2);
        double minY = placed.stream().mapToDouble(e -> e.value() - e.stderr()).min().orElseThrow();
        double maxY = placed.stream().mapToDouble(e -> e.value() + e.stderr()).max().orElseThrow();
        if (minY >= 0 && maxY <= 1) {
            minY = 0;
            maxY = 1;
        } else {
            double pad = Math.max((maxY - minY) * 0.1, 1e-6);
            minY -= pad;
            maxY += pad;
        }
        Scale x = new Scale(minX, maxX, LEFT, WIDTH - RIGHT);
        Scale y = new Scale(minY, maxY, HEIGHT - BOTTOM, TOP);
        int bottom = HEIGHT - BOTTOM;
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(bottom).append("\" x2=\"").append(WIDTH - RIGHT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>\n");
        svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(TOP).append("\" x2=\"").append(LEFT)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>\n");
        for (int p = (int) minX; p <= (int) maxX; p++) {
            double px = x.at(p);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", px, TOP, px, bottom, px,
                    bottom + 18, size(p)));
        }
        for (int i = 0; i <= 4; i++) {
            double value = minY + (maxY - minY) * i / 4;
            double py = y.at(value);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, py, WIDTH - RIGHT, py,
                    LEFT - 6, py + 4, format(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">parameters</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, bottom + 38));
        svg.append(String.format(Locale.ROOT, "<text transform=\"rotate(-90)\" x=\"%d\" y=\"16\" text-anchor=\"middle\">"
                + "%s</text>%n", -(TOP + bottom) / 2, escape(board.metric())));
        for (Leaderboards.Entry e : placed) {
            e.base().flatMap(b -> placed.stream().filter(o -> o.model().equals(b)).findFirst()).ifPresent(base ->
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " stroke=\"#16a34a\" stroke-dasharray=\"4 3\"/>%n", x.at(log(base)), y.at(base.value()),
                            x.at(log(e)), y.at(e.value()))));
        }
        for (Leaderboards.Entry e : placed) {
            double px = x.at(log(e));
            double py = y.at(e.value());
            String colour = COLOURS.getOrDefault(e.kind(), "#555");
            svg.append("<a href=\"/api/v1/evaluations/").append(escape(e.runId())).append("\">");
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
                    px, y.at(e.value() - e.stderr()), px, y.at(e.value() + e.stderr()), colour));
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s</title>"
                    + "</circle>", px, py, colour, escape(e.model() + ": " + format(e.value()) + " ± "
                    + format(e.stderr()) + e.delta().stream().mapToObj(d -> " (" + (d >= 0 ? "+" : "") + format(d)
                    + " vs base)").findFirst().orElse(""))));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" fill=\"%s\">%s</text>", px + 8, py - 6,
                    colour, escape(e.model())));
            svg.append("</a>\n");
        }
    }

    private static double log(Leaderboards.Entry e) {
        return Math.log10(e.parameters().getAsLong());
    }

    /** A power of ten as people write sizes: 10K, 1M, 100M, 1B. */
    static String size(int power) {
        String[] units = {"", "K", "M", "B", "T"};
        int unit = Math.min(power / 3, units.length - 1);
        long mantissa = (long) Math.pow(10, power - unit * 3);
        return mantissa + units[unit];
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** Maps a value range onto a pixel range. */
    private record Scale(double from, double to, double start, double end) {
        double at(double value) {
            return start + (value - from) / (to - from == 0 ? 1 : to - from) * (end - start);
        }
    }
}
