package diffusionsat.model.clip;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every caption of {@code fixtures/text/tokenizer_cases.json} gives exactly the ids HF's
 * {@code CLIPTokenizer} gives with SD 2.1's tokenizer folder ({@code input_ids_77_hf}, see the
 * fixture's MANIFEST.md), tokenized with the fixture's own {@code tokenizer/} folder.
 */
class ClipTokenizerFixtureTest {
    @TestFactory
    Stream<DynamicTest> tokenizerMatchesHfIds() throws IOException {
        Path root = Fixtures.text();
        ClipTokenizer tokenizer = ClipTokenizer.fromFolder(root.resolve("tokenizer"));
        JsonNode cases = new ObjectMapper().readTree(root.resolve("tokenizer_cases.json").toFile())
                .get("cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            JsonNode c = cases.get(i);
            String text = c.get("text").asText();
            tests.add(DynamicTest.dynamicTest("tokenizer case " + i + ": " + abbreviate(text),
                    () -> {
                        TokenizedText actual = tokenizer.tokenize(text);
                        assertAll(
                                () -> assertArrayEquals(ints(c.get("input_ids_77_hf")),
                                        actual.ids(), "input_ids_77_hf"),
                                () -> assertEquals(c.get("n_tokens").asInt(),
                                        actual.tokenCount(), "n_tokens"),
                                () -> assertEquals(c.get("truncated").asBoolean(),
                                        actual.truncated(), "truncated"));
                    }));
        }
        return tests.stream();
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "...";
    }
}
