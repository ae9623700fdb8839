package diffusionsat.model.clip.ftfy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TextFixer} against outputs of the real {@code ftfy.fix_text} 6.3.1 (default settings),
 * computed once with ftfy at commit 74dd045 (the version named in fixtures/text/MANIFEST.md).
 */
class TextFixerTest {
    static Stream<Arguments> ftfyOutputs() {
        return Stream.of(
                Arguments.of("entities", "Tom &amp; Jerry &lt;3", "Tom & Jerry <3"),
                Arguments.of("entities kept where '<' suggests markup", "x <y> &amp; z",
                        "x <y> &amp; z"),
                Arguments.of("'<' turns unescaping off for later lines only",
                        "first &amp; line\nsecond <b> &amp;\nthird &amp;",
                        "first & line\nsecond <b> &amp;\nthird &amp;"),
                Arguments.of("entities unescaped until stable", "double escaped &amp;amp; entity",
                        "double escaped & entity"),
                Arguments.of("upper-case names, numeric references, malformed reference",
                        "P&EACUTE;REZ &#x1F600; &#12a;", "P\u00c9REZ \uD83D\uDE00 &#12a;"),
                Arguments.of("UTF-8 read as Windows-1252",
                        "caf\u00c3\u00a9 r\u00c3\u00a9sum\u00c3\u00a9",
                        "caf\u00e9 r\u00e9sum\u00e9"),
                Arguments.of("three-byte mojibake", "\u00e2\u0153\u201d No problems",
                        "\u2714 No problems"),
                Arguments.of("byte A0 turned into a space", "\u00c3 la mode", "\u00e0 la mode"),
                Arguments.of("Latin ligatures", "\ufb01ne \ufb02ow", "fine flow"),
                Arguments.of("full width and ideographic space",
                        "\uff26\uff35\uff2c\uff2c\u3000\uff11\uff12\uff13\uff01", "FULL 123!"),
                Arguments.of("curly quotes", "\u201ccurly\u201d \u2018quotes\u2019",
                        "\"curly\" 'quotes'"),
                Arguments.of("control characters and BOM", "control\u0007char\ufeff",
                        "controlchar"),
                Arguments.of("terminal escapes", "\u001b[36;44mblue\u001b[0m", "blue"),
                Arguments.of("line breaks", "a\r\nb\u2028c", "a\nb\nc"),
                Arguments.of("NFC", "e\u0301", "\u00e9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ftfyOutputs")
    void matchesFtfy(String name, String input, String expected) {
        assertEquals(expected, TextFixer.fixText(input));
    }
}
