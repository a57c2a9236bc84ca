package dev.stoa.spi.inference;

import java.util.List;
import java.util.Objects;

/** What a completion continues: text, or token ids exactly as given (as lm-evaluation-harness sends them). */
public sealed interface Prompt {

    /**
     * A text prompt.
     *
     * @param text             the text
     * @param addSpecialTokens whether the tokenizer adds its special tokens (the beginning-of-sequence token) as
     *                         for a completion's prompt; false for a rendered chat template, which holds its own
     */
    record Text(String text, boolean addSpecialTokens) implements Prompt {

        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Token ids, used as they are.
     *
     * @param ids the ids
     */
    record Tokens(List<Integer> ids) implements Prompt {

        public Tokens {
            ids = List.copyOf(ids);
        }
    }
}
