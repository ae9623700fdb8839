package diffusionsat.model.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The settings of a diffusers {@code tokenizer/} folder that shape the ids: sequence length and
 * special tokens. Read from {@code tokenizer_config.json}, then {@code special_tokens_map.json},
 * then HF {@code CLIPTokenizer}'s defaults (SD 2.1's folder sets the pad token to "!").
 *
 * @param maxLength ids per caption, BOS and EOS included ({@code model_max_length})
 * @param bosToken start-of-text token
 * @param eosToken end-of-text token
 * @param unkToken the token for a symbol missing from the vocabulary
 * @param padToken the token that fills a caption up to {@code maxLength}
 */
public record ClipTokenizerConfig(
        int maxLength, String bosToken, String eosToken, String unkToken, String padToken) {
    static final String CONFIG_FILE = "tokenizer_config.json";
    static final String SPECIAL_TOKENS_FILE = "special_tokens_map.json";
    private static final int DEFAULT_MAX_LENGTH = 77;
    private static final String START_OF_TEXT = "<|startoftext|>";
    private static final String END_OF_TEXT = "<|endoftext|>";

    public ClipTokenizerConfig {
        if (maxLength < 2) {
            throw new ConfigException("tokenizer.model_max_length", maxLength,
                    "must leave room for BOS and EOS (>= 2)");
        }
    }

    /** Reads the settings of the tokenizer folder {@code dir}. */
    public static ClipTokenizerConfig read(Path dir) {
        JsonNode config = readJson(dir.resolve(CONFIG_FILE));
        JsonNode special = readJson(dir.resolve(SPECIAL_TOKENS_FILE));
        int maxLength = config.path("model_max_length").asInt(DEFAULT_MAX_LENGTH);
        return new ClipTokenizerConfig(maxLength,
                token(config, special, "bos_token", START_OF_TEXT),
                token(config, special, "eos_token", END_OF_TEXT),
                token(config, special, "unk_token", END_OF_TEXT),
                token(config, special, "pad_token", END_OF_TEXT));
    }

    private static String token(JsonNode config, JsonNode special, String key, String fallback) {
        return content(config.path(key)).or(() -> content(special.path(key))).orElse(fallback);
    }

    /** A token given as a string or as an {@code AddedToken} object with a "content". */
    private static Optional<String> content(JsonNode node) {
        JsonNode text = node.isObject() ? node.path("content") : node;
        return text.isTextual() ? Optional.of(text.asText()) : Optional.empty();
    }

    /** The JSON object in {@code file}, or an empty one where the folder lacks the file. */
    private static JsonNode readJson(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        if (!Files.isRegularFile(file)) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tokenizer settings " + file, e);
        }
    }
}
