package dev.stoa.hub.card;

import dev.stoa.hub.repo.RepoType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrontMatterTest {

    @Test
    void readsTheBlockBetweenTheDashes() throws Exception {
        var card = FrontMatter.parse("---\r\nlicense: mit\ntags:\n- a\n- b\nmodel-index:\n- name: x\n---\n# Title\n---\n");
        assertThat(card.get("license").asText()).isEqualTo("mit");
        assertThat(card.get("tags")).hasSize(2);
        assertThat(card.get("model-index").get(0).get("name").asText()).isEqualTo("x");
    }

    @Test
    void aCardWithoutFrontMatterHasNoMetadata() throws Exception {
        assertThat(FrontMatter.parse("# Just a title\n---\nlicense: mit\n---\n")).isEmpty();
        assertThat(FrontMatter.parse("---\n---\n")).isEmpty();
    }

    @Test
    void brokenYamlAndUnclosedBlocksAreNamed() {
        assertThatThrownBy(() -> FrontMatter.parse("---\nlicense: [mit\n---\n")).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> FrontMatter.parse("---\nlicense: mit\n")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> FrontMatter.parse("---\n- a\n- b\n---\n")).hasMessageContaining("mapping");
    }

    @Test
    void wrongTypesOfWellKnownKeysAreProblems() throws Exception {
        assertThat(CardRules.problems(FrontMatter.parse("---\ntags: one\nlicense: 3\n---\n"), RepoType.model))
                .anySatisfy(p -> assertThat(p).contains("\"tags\" must be a list"))
                .anySatisfy(p -> assertThat(p).contains("\"license\" must be a string"));
        assertThat(CardRules.problems(FrontMatter.parse("---\nbase_model: a/b\nbase_model_relation: copy\n---\n"), RepoType.model))
                .singleElement().asString().contains("adapter, merge, quantized, finetune");
        assertThat(CardRules.problems(FrontMatter.parse("---\nlicense: mit\nbase_model: [a/b, c/d]\n---\n"), RepoType.model)).isEmpty();
    }
}
