package diffusionsat.model.clip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of {@link ClipTokenizer} with SD 2.1's vocabulary (fixtures/text/tokenizer). Ids of
 * single words are entries of that vocab.json; expected behaviour follows HF's CLIPTokenizer as
 * described in fixtures/text/MANIFEST.md.
 */
class ClipTokenizerTest {
    private static final int BOS = 49406;
    private static final int EOS = 49407;
    private static final int PAD = 0;                   // "!" in SD 2.1's tokenizer folder
    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.fromFolder(Fixtures.text().resolve("tokenizer"));
    }

    @Test
    void settingsComeFromTheFolder() {
        ClipTokenizerConfig config = tokenizer.config();
        assertAll(() -> assertEquals(77, config.maxLength()),
                () -> assertEquals("!", config.padToken()),
                () -> assertEquals("<|startoftext|>", config.bosToken()),
                () -> assertEquals("<|endoftext|>", config.eosToken()));
    }

    @Test
    void emptyCaptionIsBosEosAndPadding() {
        TokenizedText empty = tokenizer.tokenize("");
        int[] expected = new int[77];
        expected[0] = BOS;
        expected[1] = EOS;
        assertAll(() -> assertArrayEquals(expected, empty.ids()),
                () -> assertEquals(0, empty.tokenCount()),
                () -> assertFalse(empty.truncated()));
    }

    @Test
    void whitespaceAndCaseDoNotChangeIds() {
        assertEquals(tokenizer.encode("a satellite image"),
                tokenizer.encode("  A\tSATELLITE\n\n image \u00a0"));
    }

    @Test
    void everyAsciiExclamationMarkIsThePadToken() {
        // HF splits the pad token "!" off before BPE, so "!!" is two pad ids, not "!!</w>"
        assertEquals(List.of(PAD, PAD, PAD), tokenizer.encode("!! !"));
    }

    @Test
    void htmlEntitiesAreDecodedUnlessTheTextHasMarkup() {
        List<Integer> ampersand = tokenizer.encode("&");
        assertAll(() -> assertEquals(tokenizer.encode("tom & jerry"),
                        tokenizer.encode("Tom &amp; Jerry")),
                () -> assertTrue(tokenizer.encode("<b> &amp;").size()
                        > tokenizer.encode("<b> &").size(), "entity kept next to '<'"),
                () -> assertEquals(1, ampersand.size()));
    }

    @Test
    void nonAsciiFallsBackToByteLevelPieces() {
        List<Integer> ids = tokenizer.encode("\u6771\u4eac");       // two CJK ideographs
        // 6 UTF-8 bytes: every piece is a byte-level vocabulary entry, none is unknown (EOS)
        assertAll(() -> assertFalse(ids.isEmpty()),
                () -> assertTrue(ids.size() <= 6),
                () -> assertFalse(ids.contains(EOS)));
    }

    @Test
    void longCaptionsKeepTheFirst75TokensAndReportTruncation() {
        String caption = String.join(" ", IntStream.range(0, 100).mapToObj(i -> "a").toList());
        TokenizedText text = tokenizer.tokenize(caption);
        int a = tokenizer.encode("a").get(0);
        int[] body = Arrays.copyOfRange(text.ids(), 1, 76);
        assertAll(() -> assertTrue(text.truncated()),
                () -> assertEquals(100, text.tokenCount()),
                () -> assertEquals(BOS, text.ids()[0]),
                () -> assertEquals(EOS, text.ids()[76]),
                () -> assertTrue(Arrays.stream(body).allMatch(id -> id == a)));
    }

    @Test
    void exactly75TokensFitWithoutPadding() {
        String caption = String.join(" ", IntStream.range(0, 75).mapToObj(i -> "a").toList());
        TokenizedText text = tokenizer.tokenize(caption);
        assertAll(() -> assertFalse(text.truncated()),
                () -> assertEquals(EOS, text.ids()[76]),
                () -> assertEquals(77, text.ids().length));
    }
}
