package dev.stoa.ui.markdown;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownHtmlTest {

    @Test
    void rendersTheMarkdownAuthorsWrite() {
        String html = MarkdownHtml.render("""
                # Title

                Some *emphasis* and `code`, a [link](https://example.org/a).

                | a | b |
                |---|---|
                | 1 | 2 |

                ```python
                print("hi")
                ```
                """);
        assertThat(html)
                .contains("<h1>Title</h1>")
                .contains("<em>emphasis</em>")
                .contains("<code>code</code>")
                .contains("href=\"https://example.org/a\"")
                .containsPattern("rel=\"[a-z ]*nofollow[a-z ]*\"")
                .containsPattern("rel=\"[a-z ]*noopener[a-z ]*\"")
                .contains("<table>")
                .contains("<code class=\"language-python\">");
    }

    @Test
    void removesEverythingThatCouldRunInTheBrowser() {
        String html = MarkdownHtml.render("""
                <script>alert(1)</script>
                <img src="x.png" onerror="alert(2)">
                <a href="javascript:alert(3)">click</a>
                <iframe src="https://evil.example"></iframe>
                <div style="position:fixed" onclick="alert(4)">text</div>
                <form action="/logout"><button>go</button></form>

                [md](javascript:alert(5))
                """);
        assertThat(html.toLowerCase())
                .doesNotContain("<script")
                .doesNotContain("onerror")
                .doesNotContain("href=\"javascript")
                .doesNotContain("<iframe")
                .doesNotContain("onclick")
                .doesNotContain("style=")
                .doesNotContain("<form")
                .contains("text");
    }

    @Test
    void leavesTheYamlBlockOutOfACard() {
        String html = MarkdownHtml.renderCard("---\nlicense: mit\ntags: [a]\n---\n# Model\n");
        assertThat(html).doesNotContain("license").contains("<h1>Model</h1>");
        assertThat(MarkdownHtml.renderCard("# No metadata\n")).contains("<h1>No metadata</h1>");
    }
}
