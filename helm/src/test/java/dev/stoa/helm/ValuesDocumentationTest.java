package dev.stoa.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's table of chart values says what values.yaml says: the same values, defaults and words. */
class ValuesDocumentationTest {

    private static final Pattern PARAM = Pattern.compile("^## @param (\\S+) (.*)$", Pattern.MULTILINE);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReadmeTableListsEveryValueWithItsDefault() throws IOException {
        String text = Files.readString(Chart.DIR.resolve("values.yaml"));
        JsonNode values = YAML.readTree(text);
        List<List<String>> expected = new ArrayList<>();
        Matcher param = PARAM.matcher(text);
        while (param.find()) {
            JsonNode value = values.at("/" + param.group(1).replace('.', '/'));
            assertThat(value.isMissingNode()).as("%s is documented but not in values.yaml", param.group(1)).isFalse();
            expected.add(List.of(param.group(1), "`" + format(value) + "`", param.group(2).replace("|", "\\|")));
        }
        assertThat(Readme.rows("### Chart values"))
                .as("README table vs values.yaml (regenerate the table from the @param lines)")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void everyTopLevelValueIsDocumented() throws IOException {
        String text = Files.readString(Chart.DIR.resolve("values.yaml"));
        List<String> documented = PARAM.matcher(text).results().map(m -> m.group(1)).toList();
        YAML.readTree(text).fieldNames().forEachRemaining(name ->
                assertThat(documented).as("values.yaml's %s has a @param line", name)
                        .anyMatch(p -> p.equals(name) || p.startsWith(name + ".")));
    }

    private static String format(JsonNode value) throws JsonProcessingException {
        if (value.isTextual()) {
            return value.asText().isEmpty() ? "\"\"" : value.asText();
        }
        return value.isContainerNode() ? JSON.writeValueAsString(value) : value.asText();
    }
}
