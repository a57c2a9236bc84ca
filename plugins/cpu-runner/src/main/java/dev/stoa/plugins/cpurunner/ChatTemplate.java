package dev.stoa.plugins.cpurunner;

import com.fasterxml.jackson.databind.JsonNode;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.stoa.spi.inference.ChatMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's chat template ({@code tokenizer_config.json}'s {@code chat_template}, Jinja) rendered as the Hugging Face
 * tokenizers render it: {@code messages}, {@code bos_token}, {@code eos_token}, {@code add_generation_prompt} and
 * {@code raise_exception}, with Jinjava.
 */
final class ChatTemplate {

    private final String template;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinja;

    private ChatTemplate(String template, String bosToken, String eosToken) {
        this.template = template;
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        this.jinja = new Jinjava(JinjavaConfig.newBuilder().withFailOnUnknownTokens(false).build());
        jinja.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception", ChatTemplate.class,
                "raise", String.class));
    }

    /** The template of the model in {@code folder}, if its {@code tokenizer_config.json} has one. */
    static Optional<ChatTemplate> read(Path folder) throws IOException {
        Path config = folder.resolve("tokenizer_config.json");
        if (!Files.exists(config)) {
            return Optional.empty();
        }
        JsonNode json = Safetensors.JSON.readTree(config.toFile());
        JsonNode template = json.path("chat_template");
        if (template.isArray()) {
            // Several named templates: the default one serves chat.
            for (JsonNode named : template) {
                if (named.path("name").asText().equals("default")) {
                    template = named.path("template");
                }
            }
        }
        if (!template.isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new ChatTemplate(template.asText(), token(json.path("bos_token")), token(json.path("eos_token"))));
    }

    private static String token(JsonNode node) {
        return node.isTextual() ? node.asText() : node.path("content").asText("");
    }

    String render(List<ChatMessage> messages) {
        Map<String, Object> context = new HashMap<>();
        context.put("messages", messages.stream().map(m -> Map.of("role", m.role(), "content", m.content())).toList());
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        context.put("add_generation_prompt", true);
        var result = jinja.renderForResult(template, context);
        if (!result.getErrors().isEmpty()) {
            throw new IllegalArgumentException(result.getErrors().get(0).getMessage());
        }
        return result.getOutput();
    }

    /** {@code raise_exception(message)}, as templates call it to refuse a conversation. */
    public static String raise(String message) {
        throw new IllegalArgumentException(message);
    }
}
