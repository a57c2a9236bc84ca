package dev.stoa.hub.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Splits found as the Hub's datasets library finds them, on the layouts people upload. */
class DatasetSplitsTest {

    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    @Test
    void fileAndFolderNamesSayTheSplit() {
        assertThat(DatasetSplits.of(List.of("README.md", "train.jsonl", "dev.jsonl", "test.csv", "notes.txt"),
                Optional.empty(), Optional.empty()))
                .containsOnly(Map.entry("test", List.of("test.csv")), Map.entry("train", List.of("train.jsonl")),
                        Map.entry("validation", List.of("dev.jsonl")));
        assertThat(DatasetSplits.of(List.of("data/test-00000-of-00002.parquet", "data/test-00001-of-00002.parquet",
                "data/train-00000-of-00001.parquet"), Optional.empty(), Optional.empty()))
                .containsEntry("test", List.of("data/test-00000-of-00002.parquet", "data/test-00001-of-00002.parquet"))
                .containsEntry("train", List.of("data/train-00000-of-00001.parquet"));
        assertThat(DatasetSplits.of(List.of("validation/part-0.csv", "validation/part-1.csv"), Optional.empty(),
                Optional.empty())).containsOnlyKeys("validation");
        // "contest" names no split: with no split named anywhere, every data file is train.
        assertThat(DatasetSplits.of(List.of("contest.jsonl", "questions.parquet"), Optional.empty(), Optional.empty()))
                .containsExactly(Map.entry("train", List.of("contest.jsonl", "questions.parquet")));
    }

    @Test
    void theCardsConfigsDecideWhenThereAreAny() throws Exception {
        JsonNode configs = yaml("""
                - config_name: easy
                  data_files:
                    - split: test
                      path: "easy/test-*"
                    - split: train
                      path: ["easy/train-*.parquet"]
                - config_name: hard
                  default: true
                  data_files: "hard/**/*.jsonl"
                """);
        List<String> files = List.of("easy/test-0.parquet", "easy/train-0.parquet", "hard/a/x.jsonl", "hard/y.jsonl",
                "other/test.csv");
        assertThat(DatasetSplits.of(files, Optional.of(configs), Optional.of("easy")))
                .containsExactly(Map.entry("test", List.of("easy/test-0.parquet")),
                        Map.entry("train", List.of("easy/train-0.parquet")));
        assertThat(DatasetSplits.of(files, Optional.of(configs), Optional.empty()))
                .containsExactly(Map.entry("train", List.of("hard/a/x.jsonl", "hard/y.jsonl")));
        assertThatThrownBy(() -> DatasetSplits.of(files, Optional.of(configs), Optional.of("medium")))
                .hasMessageContaining("'medium'").hasMessageContaining("easy, hard");
        assertThatThrownBy(() -> DatasetSplits.of(files, Optional.empty(), Optional.of("easy")))
                .hasMessageContaining("no configs in its card");
    }

    @Test
    void globsStayWithinAFolderUnlessDoubled() {
        assertThat(DatasetSplits.glob("data/*.csv").matcher("data/a.csv").matches()).isTrue();
        assertThat(DatasetSplits.glob("data/*.csv").matcher("data/x/a.csv").matches()).isFalse();
        assertThat(DatasetSplits.glob("data/**/*.csv").matcher("data/x/y/a.csv").matches()).isTrue();
        assertThat(DatasetSplits.glob("data/**/*.csv").matcher("data/a.csv").matches()).isTrue();
        assertThat(DatasetSplits.glob("test-?.jsonl").matcher("test-1.jsonl").matches()).isTrue();
    }
}
