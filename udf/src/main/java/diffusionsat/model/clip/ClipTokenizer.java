package diffusionsat.model.clip;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.model.clip.ftfy.TextFixer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLIP byte-level BPE tokenizer as diffusers' SD 2.1 pipeline runs it (HF
 * {@code CLIPTokenizer}, slow, with ftfy), read from a checkpoint's {@code tokenizer/} folder
 * (DIFFUSIONSAT.md §4.1).
 *
 * <p>Per caption: (1) split off the special tokens, the pad token "!" included, which map
 * straight to their ids (so every ASCII "!" in a caption becomes the pad id, as in diffusers);
 * (2) clean each other piece as {@code whitespace_clean(ftfy.fix_text(piece)).lower()}, without
 * HTML unescaping beyond ftfy's own; (3) cut it into words with CLIP's pattern; (4) BPE each
 * word's UTF-8 bytes; (5) lay out BOS, the first {@code maxLength - 2} ids, EOS, padding.
 */
public final class ClipTokenizer {
    static final String VOCAB_FILE = "vocab.json";
    static final String MERGES_FILE = "merges.txt";
    /** CLIP's word pattern; Python's {@code \s} (regex module) is Unicode White_Space. */
    private static final Pattern WORD = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]"
                    + "|[^\\p{IsWhite_Space}\\p{L}\\p{N}]+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern WHITESPACE = Pattern.compile("\\p{IsWhite_Space}+");

    private final ClipTokenizerConfig config;
    private final Map<String, Integer> vocabulary;
    private final BytePairEncoder encoder;
    /** Special tokens, longest first, so that the longest one matching at a position wins. */
    private final List<String> specialTokens;
    private final int bosId;
    private final int eosId;
    private final int unkId;
    private final int padId;

    /** A tokenizer over {@code vocabulary} (token -> id) and BPE merges ranked by position. */
    public ClipTokenizer(ClipTokenizerConfig config, Map<String, Integer> vocabulary,
            List<String> merges) {
        this.config = config;
        this.vocabulary = Map.copyOf(vocabulary);
        Map<String, Integer> ranks = new HashMap<>();
        for (int rank = 0; rank < merges.size(); rank++) {
            ranks.putIfAbsent(merges.get(rank), rank);
        }
        this.encoder = new BytePairEncoder(ranks);
        this.specialTokens = List.of(config.bosToken(), config.eosToken(), config.unkToken(),
                        config.padToken()).stream().distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.bosId = idOf(config.bosToken(), "bos_token");
        this.eosId = idOf(config.eosToken(), "eos_token");
        this.unkId = idOf(config.unkToken(), "unk_token");
        this.padId = idOf(config.padToken(), "pad_token");
    }

    /** Reads {@code vocab.json}, {@code merges.txt} and the settings of a tokenizer folder. */
    public static ClipTokenizer fromFolder(Path dir) {
        ClipTokenizerConfig config = ClipTokenizerConfig.read(dir);
        Path vocabFile = dir.resolve(VOCAB_FILE);
        Path mergesFile = dir.resolve(MERGES_FILE);
        try {
            Map<String, Integer> vocabulary = new ObjectMapper().readValue(vocabFile.toFile(),
                    new TypeReference<Map<String, Integer>>() {});
            List<String> merges = Files.readAllLines(mergesFile).stream()
                    .filter(line -> !line.startsWith("#version") && !line.isBlank()).toList();
            return new ClipTokenizer(config, vocabulary, merges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CLIP tokenizer files in " + dir, e);
        }
    }

    /** The settings this tokenizer lays ids out with. */
    public ClipTokenizerConfig config() {
        return config;
    }

    /** Token ids of {@code caption}, padded or truncated to {@code maxLength}. */
    public TokenizedText tokenize(String caption) {
        List<Integer> body = encode(caption);
        int room = config.maxLength() - 2;
        int kept = Math.min(body.size(), room);
        int[] ids = new int[config.maxLength()];
        Arrays.fill(ids, padId);
        ids[0] = bosId;
        for (int i = 0; i < kept; i++) {
            ids[i + 1] = body.get(i);
        }
        ids[kept + 1] = eosId;
        return new TokenizedText(ids, body.size() > room, body.size());
    }

    /** Token ids of {@code caption} without BOS, EOS, truncation or padding. */
    public List<Integer> encode(String caption) {
        List<Integer> ids = new ArrayList<>();
        int pieceStart = 0;
        int pos = 0;
        while (pos < caption.length()) {
            String special = specialTokenAt(caption, pos);
            if (special == null) {
                pos++;
                continue;
            }
            encodePiece(caption.substring(pieceStart, pos), ids);
            ids.add(vocabulary.get(special));
            pos += special.length();
            pieceStart = pos;
        }
        encodePiece(caption.substring(pieceStart), ids);
        return ids;
    }

    private String specialTokenAt(String text, int pos) {
        for (String token : specialTokens) {
            if (text.startsWith(token, pos)) {
                return token;
            }
        }
        return null;
    }

    private void encodePiece(String piece, List<Integer> ids) {
        String cleaned = WHITESPACE.matcher(TextFixer.fixText(piece)).replaceAll(" ").strip()
                .toLowerCase(Locale.ROOT);
        Matcher words = WORD.matcher(cleaned);
        while (words.find()) {
            for (String symbol : encoder.encode(ByteLevelAlphabet.encode(words.group()))) {
                ids.add(vocabulary.getOrDefault(symbol, unkId));
            }
        }
    }

    private int idOf(String token, String key) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new ConfigException("tokenizer." + key, token, "is not in " + VOCAB_FILE);
        }
        return id;
    }
}
