package diffusionsat.model.clip.ftfy;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ftfy 6.3.1's character-level fixers, applied in this order by {@link TextFixer}: Latin
 * ligatures, character width, curly quotes, line breaks, lone surrogates, terminal escapes,
 * control characters.
 */
final class CharacterFixes {
    /** Single-character Latin ligatures and legacy digraphs (ftfy chardata LIGATURES). */
    private static final Map<Integer, String> LIGATURES = Map.ofEntries(
            Map.entry(0x0132, "IJ"), Map.entry(0x0133, "ij"), Map.entry(0x0149, "\u02bcn"),
            Map.entry(0x01F1, "DZ"), Map.entry(0x01F2, "Dz"), Map.entry(0x01F3, "dz"),
            Map.entry(0x01C4, "D\u017d"), Map.entry(0x01C5, "D\u017e"),
            Map.entry(0x01C6, "d\u017e"), Map.entry(0x01C7, "LJ"), Map.entry(0x01C8, "Lj"),
            Map.entry(0x01C9, "lj"), Map.entry(0x01CA, "NJ"), Map.entry(0x01CB, "Nj"),
            Map.entry(0x01CC, "nj"), Map.entry(0xFB00, "ff"), Map.entry(0xFB01, "fi"),
            Map.entry(0xFB02, "fl"), Map.entry(0xFB03, "ffi"), Map.entry(0xFB04, "ffl"),
            Map.entry(0xFB05, "\u017ft"), Map.entry(0xFB06, "st"));
    private static final Map<Integer, String> WIDTH = widthMap();
    private static final Pattern SINGLE_QUOTE = Pattern.compile("[\u02bc\u2018-\u201b]");
    private static final Pattern DOUBLE_QUOTE = Pattern.compile("[\u201c-\u201f]");
    /** ANSI terminal escapes; Python's \d is any decimal digit. */
    private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001b\\[(?:\\p{Nd}|;)*[a-zA-Z]");

    private CharacterFixes() {}

    static String fixLatinLigatures(String text) {
        return translate(text, LIGATURES);
    }

    /** Full- and half-width forms to their usual forms; U+3000 to a space. */
    static String fixCharacterWidth(String text) {
        return translate(text, WIDTH);
    }

    static String uncurlQuotes(String text) {
        return SINGLE_QUOTE.matcher(DOUBLE_QUOTE.matcher(text).replaceAll("\""))
                .replaceAll("'");
    }

    /** CRLF, CR, LINE SEPARATOR, PARAGRAPH SEPARATOR and NEXT LINE to \n. */
    static String fixLineBreaks(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace('\u2028', '\n')
                .replace('\u2029', '\n').replace('\u0085', '\n');
    }

    /**
     * Unpaired surrogates to U+FFFD. (A Java string holds a supplementary character as a pair, so
     * the pairs ftfy joins are already whole here.)
     */
    static String fixSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(
                Character.isSurrogate((char) cp) && cp <= 0xFFFF ? 0xFFFD : cp));
        return out.toString();
    }

    static String removeTerminalEscapes(String text) {
        return ANSI_ESCAPE.matcher(text).replaceAll("");
    }

    /**
     * Removes C0 controls other than whitespace (U+00-08, 0B, 0E-1F), DEL, the deprecated Arabic
     * format characters U+206A-206F, the byte order mark and U+FFF9-FFFC.
     */
    static String removeControlChars(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !isUnwantedControl(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isUnwantedControl(int cp) {
        return cp <= 0x08 || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || cp == 0x7F
                || (cp >= 0x206A && cp <= 0x206F) || cp == 0xFEFF
                || (cp >= 0xFFF9 && cp <= 0xFFFC);
    }

    private static String translate(String text, Map<Integer, String> table) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String replacement = table.get(cp);
            if (replacement != null) {
                out.append(replacement);
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static Map<Integer, String> widthMap() {
        Map<Integer, String> map = new HashMap<>();
        map.put(0x3000, " ");                                 // ideographic space
        for (int cp = 0xFF01; cp < 0xFFF0; cp++) {
            String c = new String(Character.toChars(cp));
            String alternate = Normalizer.normalize(c, Normalizer.Form.NFKC);
            if (!alternate.equals(c)) {
                map.put(cp, alternate);
            }
        }
        return Map.copyOf(map);
    }
}
