package dev.stoa.plugins.cardcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Markdown headings of a card with the text below each (up to the next heading of the same or a higher level),
 * ignoring fenced code blocks. ATX ({@code ## Uses}) and setext headings are recognised.
 */
public final class CardSections {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)[ \\t#]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)\\[?\\s*(more information needed|more info needed|needs more information|todo|tbd|tba|coming soon|n/?a|none)\\s*\\]?\\.?");

    /**
     * One heading and what follows it.
     *
     * @param level   1 to 6
     * @param title   the heading as written
     * @param words   the heading normalised: lowercase words separated by single spaces ({@code bias risks and limitations})
     * @param body    the text below it, including sub-sections
     */
    public record Section(int level, String title, String words, String body) {

        /** Whether the body says nothing: empty, or template placeholders such as "[More Information Needed]". */
        public boolean isPlaceholder() {
            return COMMENT.matcher(body).replaceAll("").lines().map(Section::content)
                    .allMatch(line -> line.isEmpty() || PLACEHOLDER.matcher(line).matches());
        }

        /** A line's content without sub-heading titles, list bullets and bold labels ("- **Developed by:**"). */
        private static String content(String line) {
            String text = line.strip();
            if (text.matches("#{1,6}(\\s.*)?")) {
                return "";
            }
            text = text.replaceFirst("^([-*+]|\\d+\\.)\\s+", "");
            return text.replaceFirst("^\\*\\*[^*]*\\*\\*:?", "").strip();
        }
    }

    private CardSections() {
    }

    public static List<Section> parse(String markdown) {
        List<String> lines = markdown.lines().toList();
        List<int[]> headings = new ArrayList<>(); // line index, level, lines the heading takes
        List<String> titles = new ArrayList<>();
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher atx = ATX.matcher(line);
            if (atx.matches()) {
                headings.add(new int[]{i, atx.group(1).length(), 1});
                titles.add(atx.group(2));
            } else if (i + 1 < lines.size() && !line.isBlank() && SETEXT.matcher(lines.get(i + 1)).matches()
                    && !line.strip().startsWith("-") && !line.strip().startsWith("|")) {
                headings.add(new int[]{i, lines.get(i + 1).strip().startsWith("=") ? 1 : 2, 2});
                titles.add(line.strip());
                i++;
            }
        }
        List<Section> sections = new ArrayList<>();
        for (int h = 0; h < headings.size(); h++) {
            int[] heading = headings.get(h);
            int end = lines.size();
            for (int next = h + 1; next < headings.size(); next++) {
                if (headings.get(next)[1] <= heading[1]) {
                    end = headings.get(next)[0];
                    break;
                }
            }
            String body = String.join("\n", lines.subList(Math.min(heading[0] + heading[2], end), end));
            sections.add(new Section(heading[1], titles.get(h), words(titles.get(h)), body));
        }
        return sections;
    }

    /** Lowercase words of a heading, without numbering, emphasis, emoji or punctuation; {@code &} reads "and". */
    static String words(String title) {
        return title.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[^\\p{L}\\p{N}]+", " ")
                .replaceAll("^(\\d+ )+", "").strip();
    }

    /** Whether the words of {@code heading} contain the words of {@code phrase} in sequence. */
    static boolean containsPhrase(String heading, String phrase) {
        return (" " + heading + " ").contains(" " + phrase + " ");
    }
}
