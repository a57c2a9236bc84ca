package dev.stoa.ui.markdown;

import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a model card (or any Markdown a user wrote) into HTML that is safe to put in a page: CommonMark with
 * GitHub tables and autolinks, raw HTML allowed as authors expect, then everything passed through an
 * allow-list sanitizer, so scripts, event handlers, styles, forms and {@code javascript:} links never reach
 * the browser. Links to other sites get {@code rel="nofollow noopener noreferrer"}.
 */
public final class MarkdownHtml {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), AutolinkExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---[ \\t]*\\r?\\n(?:.*?\\r?\\n)?---[ \\t]*(?:\\r?\\n|\\z)", Pattern.DOTALL);

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder()
                    .allowStandardUrlProtocols()
                    .allowElements("a")
                    .allowAttributes("href", "title").onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .allowElements("pre", "code", "hr", "br", "details", "summary", "kbd", "sup", "sub", "del", "ins",
                            "dl", "dt", "dd")
                    .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+#.-]{1,40}")).onElements("code")
                    .allowAttributes("align").matching(true, "left", "right", "center").onElements("th", "td", "p", "div", "img")
                    .allowAttributes("open").onElements("details")
                    .toFactory());

    private MarkdownHtml() {
    }

    /** The sanitised HTML of a Markdown document. */
    public static String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** The sanitised HTML of a model card, without its YAML metadata block (shown apart, as labels). */
    public static String renderCard(String card) {
        return card == null ? "" : render(withoutFrontMatter(card));
    }

    /** The card's text after its leading {@code ---} YAML block, or all of it when it has none. */
    public static String withoutFrontMatter(String card) {
        return FRONT_MATTER.matcher(card).replaceFirst("");
    }
}
