package dev.stoa.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README, as the documentation the chart is checked against. */
final class Readme {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static final String TEXT = read();

    private Readme() {
    }

    /** One section's text: from its heading to the next heading of the same or a higher level. */
    static String section(String heading) {
        int start = TEXT.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError("The README has no section '" + heading + "'");
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        Matcher next = Pattern.compile("\n#{1," + (level.length() - 1) + "} ").matcher(TEXT);
        int end = next.find(start + heading.length() + 1) ? next.start() : TEXT.length();
        return TEXT.substring(start + 1, end);
    }

    /** The rows of the tables in a section whose first cell is code: first cell, then the other cells. */
    static List<List<String>> rows(String heading) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : section(heading).lines().toList()) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.matches()) {
                List<String> cells = new ArrayList<>();
                cells.add(row.group(1));
                for (String cell : row.group(2).split("(?<!\\\\)\\|")) {
                    cells.add(cell.trim());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** The environment variables the Configuration table documents. */
    static List<String> documentedEnvironment() {
        return rows("## Configuration").stream()
                .map(cells -> CODE.matcher(cells.get(1)))
                .filter(Matcher::find)
                .map(m -> m.group(1))
                .toList();
    }

    /** The {@code stoa.*} keys the Configuration table documents ({@code <id>}, {@code <key>} as written). */
    static List<String> documentedKeys() {
        return rows("## Configuration").stream().map(cells -> cells.getFirst()).toList();
    }

    private static String read() {
        try {
            return Files.readString(Chart.REPO_ROOT.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
