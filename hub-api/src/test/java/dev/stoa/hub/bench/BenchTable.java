package dev.stoa.hub.bench;

import java.util.ArrayList;
import java.util.List;

/** The table a benchmark prints: each of Stoa's figures beside the baseline measured in the same run. */
final class BenchTable {

    private final String title;
    private final String unit;
    private final boolean higherIsBetter;
    private final List<String[]> rows = new ArrayList<>();

    BenchTable(String title, String unit, boolean higherIsBetter) {
        this.title = title;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    /** Adds a row; the ratio is Stoa's figure over the baseline's when higher is better, the inverse otherwise. */
    BenchTable row(String what, double stoa, String baselineName, double baseline) {
        double ratio = higherIsBetter ? stoa / baseline : baseline / stoa;
        rows.add(new String[]{what, format(stoa), baselineName, format(baseline), String.format("%.2f", ratio)});
        return this;
    }

    String render() {
        String[] header = {"measurement", "Stoa (" + unit + ")", "baseline", "baseline (" + unit + ")", "ratio"};
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder("\n## ").append(title).append("\n\n");
        line(out, header, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('|');
        }
        out.append(rule).append('\n');
        rows.forEach(row -> line(out, row, widths));
        out.append("\nratio = ").append(higherIsBetter ? "Stoa / baseline" : "baseline / Stoa")
                .append(" (1.00 = as good as the baseline)\n");
        return out.toString();
    }

    private static void line(StringBuilder out, String[] cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.length; i++) {
            out.append(' ').append(String.format("%-" + widths[i] + "s", cells[i])).append(" |");
        }
        out.append('\n');
    }

    private static String format(double value) {
        return value >= 100 ? String.format("%.0f", value) : String.format("%.2f", value);
    }
}
