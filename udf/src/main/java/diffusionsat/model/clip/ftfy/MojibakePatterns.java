package diffusionsat.model.clip.ftfy;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The two regular expressions with which ftfy 6.3.1 recognises mojibake: the "badness" heuristic
 * ({@code ftfy.badness.BADNESS_RE}: unlikely juxtapositions of the few hundred characters that
 * UTF-8 mojibake produces) and the detector of embedded UTF-8 sequences
 * ({@code ftfy.chardata.UTF8_DETECTOR_RE}). The character categories are ftfy's data; the classes
 * of the detector are derived here from the code pages they come from.
 */
final class MojibakePatterns {
    // ftfy's character categories (badness.py MOJIBAKE_CATEGORIES), as regex class fragments.
    private static final String COMMON = "\u00a0\u00ad\u00b7\u00b4\u2013\u2014\u2015\u2026\u2019";
    private static final String C1 = "\u0080-\u009f";
    private static final String BAD = "\u00a6\u00a4\u00a8\u00ac\u00af\u00b8\u0192\u02c6\u02c7"
            + "\u02d8\u02db\u02dc\u2020\u2021\u2030\u2310\u25ca\ufffd\u00aa\u00ba";
    private static final String LAW = "\u00b6\u00a7";
    private static final String CURRENCY = "\u00a2\u00a3\u00a5\u20a7\u20ac";
    private static final String START_PUNCT = "\u00a1\u00ab\u00bf\u00a9\u0384\u0385\u2018\u201a"
            + "\u201c\u201e\u2022\u2039\uf8ff";
    private static final String END_PUNCT = "\u00ae\u00bb\u02dd\u201d\u203a\u2122";
    private static final String NUMERIC = "\u00b2\u00b3\u00b9\u00b1\u00bc\u00bd\u00be\u00d7\u00b5"
            + "\u00f7\u2044\u2202\u2206\u220f\u2211\u221a\u221e\u2229\u222b\u2248\u2260\u2261"
            + "\u2264\u2265\u2116";
    private static final String KAOMOJI = "\u00d2-\u00d6\u00d9-\u00dc\u00f2-\u00f6\u00f8-\u00fc"
            + "\u0150\u014c\u016a\u0172\u00b0";
    private static final String UPPER_ACCENTED = "\u00c0-\u00d1\u00d8\u00dc\u00dd\u0102\u0100"
            + "\u0104\u0106\u010c\u010e\u0110\u0118\u011a\u0112\u0116\u011e\u0122\u0130\u012a"
            + "\u0136\u0139\u013d\u0141\u013b\u0143\u0147\u0145\u0152\u0158\u015a\u015e\u0160"
            + "\u0162\u0164\u016e\u0170\u0178\u0179\u017b\u017d\u0490";
    private static final String LOWER_ACCENTED = "\u00df\u00e0-\u00f1\u0103\u0105\u0101\u0107"
            + "\u010d\u010f\u0111\u0119\u011b\u0113\u0117\u011f\u0123\u012f\u012b\u0137\u013a"
            + "\u013e\u0142\u013c\u0153\u0155\u015b\u015f\u0161\u0165\u00fc\u017a\u017c\u017e"
            + "\u0491\ufb01\ufb02";
    private static final String UPPER_COMMON = "\u00de\u0391-\u03a9\u0386\u0388\u0389\u038a"
            + "\u038c\u038e\u038f\u03aa\u03ab\u0401-\u042f";
    private static final String LOWER_COMMON = "\u03b1-\u03c9\u03ac\u03ad\u03ae\u03af\u03b0"
            + "\u0430-\u045f";
    private static final String BOX = "\u2502\u250c\u2510\u2518\u251c\u2524\u252c\u253c"
            + "\u2550-\u256c\u2580\u2584\u2588\u258c\u2590\u2591\u2592\u2593";

    // Python's str-pattern \s and \w (Unicode), which differ from Java's defaults.
    private static final String PY_SPACE = "[\\t\\n\\x0B\\f\\r\\x1C-\\x1F\\p{IsWhite_Space}]";
    private static final String PY_WORD = "[\\p{L}\\p{N}_]";

    private static final Pattern BADNESS = Pattern.compile(String.join("|",
            cls(C1),
            cls(BAD, LOWER_ACCENTED, UPPER_ACCENTED, BOX, START_PUNCT, END_PUNCT, CURRENCY,
                    NUMERIC, LAW) + cls(BAD),
            "[a-zA-Z]" + cls(LOWER_COMMON, UPPER_COMMON) + cls(BAD),
            cls(BAD) + cls(LOWER_ACCENTED, UPPER_ACCENTED, BOX, START_PUNCT, END_PUNCT, CURRENCY,
                    NUMERIC, LAW),
            cls(LOWER_ACCENTED, LOWER_COMMON, BOX, END_PUNCT, CURRENCY, NUMERIC)
                    + cls(UPPER_ACCENTED),
            cls(BOX, END_PUNCT, CURRENCY, NUMERIC) + cls(LOWER_ACCENTED),
            cls(LOWER_ACCENTED, BOX, END_PUNCT) + cls(CURRENCY),
            PY_SPACE + cls(UPPER_ACCENTED) + cls(CURRENCY),
            cls(UPPER_ACCENTED, BOX) + cls(NUMERIC, LAW),
            cls(LOWER_ACCENTED, UPPER_ACCENTED, BOX, CURRENCY, END_PUNCT) + cls(START_PUNCT)
                    + cls(NUMERIC),
            cls(LOWER_ACCENTED, UPPER_ACCENTED, CURRENCY, NUMERIC, BOX, LAW) + cls(END_PUNCT)
                    + cls(START_PUNCT),
            cls(CURRENCY, NUMERIC, BOX) + cls(START_PUNCT),
            "[a-z]" + cls(UPPER_ACCENTED) + cls(START_PUNCT, CURRENCY),
            cls(BOX) + cls(KAOMOJI),
            cls(LOWER_ACCENTED, UPPER_ACCENTED, CURRENCY, NUMERIC, START_PUNCT, END_PUNCT, LAW)
                    + cls(BOX),
            cls(BOX) + cls(END_PUNCT),
            cls(LOWER_ACCENTED, UPPER_ACCENTED) + cls(START_PUNCT, END_PUNCT) + PY_WORD,
            "[Œœ][^A-Za-z]",                         // the ligature œ not before a Latin letter
            cls(UPPER_ACCENTED) + "°",
            // common two-character Windows-1252 mojibake
            "[ÂÃÎÐ]" + cls("€œŠš¢£Ÿž\u00a0\u00ad®©°·»", START_PUNCT, END_PUNCT, "–—´"),
            "×[²³]",
            // Windows-1252 mojibake of Arabic: four characters, as it includes common ones
            "[ØÙ]" + cls(COMMON, CURRENCY, BAD, NUMERIC, START_PUNCT, "ŸŠ®°µ»")
                    + "[ØÙ]" + cls(COMMON, CURRENCY, BAD, NUMERIC, START_PUNCT, "ŸŠ®°µ»"),
            "à[²µ¹¼½¾]",                               // South Asian scripts via Windows-1252
            "√[±∂†≠®™´≤≥¥µø]",                        // MacRoman
            "≈[°¢]",
            "‚Ä[ìîïòôúùû†°¢π]",
            "‚[âó][àä°ê]",
            "вЂ",                                      // Windows-1251, U+2000 range
            "[ВГРС]" + cls(C1, BAD, START_PUNCT, END_PUNCT, CURRENCY, "°µ") + "[ВГРС]",
            "ГўВЂВ.[A-Za-z ]",
            "Ã[\u00a0¡]",
            "[a-z]" + PY_SPACE + "?[ÃÂ][ ]",
            "^[ÃÂ][ ]",
            cls("a-z.,?!", END_PUNCT) + "Â" + cls(" ", START_PUNCT, END_PUNCT),
            "β€[™\u00a0Ά\u00ad®°]",                    // Windows-1253, U+2000 range
            "[ΒΓΞΟ]" + cls(C1, BAD, START_PUNCT, END_PUNCT, CURRENCY, "°") + "[ΒΓΞΟ]",
            "ā€"),                                     // Windows-1257, U+2000 range
            Pattern.UNIX_LINES);                        // '.' excludes only \n, as in Python

    /** The code pages whose characters make up UTF-8 mojibake (ftfy's char_data_table). */
    private static final List<Charset> CLUE_CHARSETS = List.of("ISO-8859-1", "windows-1252",
            "windows-1251", "windows-1250", "windows-1253", "windows-1254", "windows-1257")
            .stream().map(Charset::forName).toList();
    /** Punctuation that may stand for itself next to mojibake, so not a strict continuation. */
    private static final String LOOSE_CONTINUATION = "\u2013\u2014\u2015\u2018\u2019\u201a"
            + "\u201c\u201d\u201e\u2022\u2026";

    private static final Pattern UTF8_DETECTOR = utf8Detector();

    private MojibakePatterns() {}

    /** Whether {@code text} looks like it contains mojibake (ftfy {@code is_bad}). */
    static boolean isBad(String text) {
        return BADNESS.matcher(text).find();
    }

    /**
     * Runs of characters that look like UTF-8 bytes decoded one by one, not preceded by a strict
     * continuation character (ftfy {@code UTF8_DETECTOR_RE}).
     */
    static Pattern utf8Sequences() {
        return UTF8_DETECTOR;
    }

    private static Pattern utf8Detector() {
        String firstOf2 = clueClass(IntStream.rangeClosed(0xC2, 0xDF), "", "");
        String firstOf3 = clueClass(IntStream.rangeClosed(0xE0, 0xEF), "", "");
        // 4-byte leads: F0 (nearly all of the supplementary planes) and F3 (emoji tag characters)
        String firstOf4 = clueClass(IntStream.of(0xF0, 0xF3), "", "");
        // a space may stand for a byte A0 that some program turned into a space
        String continuation = clueClass(IntStream.rangeClosed(0x80, 0xBF), " ", "");
        String strict = clueClass(IntStream.rangeClosed(0x80, 0xBF), "", LOOSE_CONTINUATION);
        return Pattern.compile("(?<!" + strict + ")(?:" + firstOf2 + continuation
                + "|" + firstOf3 + continuation + "{2}"
                + "|" + firstOf4 + continuation + "{3})+");
    }

    /** A class of what {@code bytes} decode to in the clue code pages, plus and minus some. */
    private static String clueClass(IntStream bytes, String plus, String minus) {
        Set<Character> chars = new TreeSet<>();
        bytes.forEach(b -> CLUE_CHARSETS.forEach(charset ->
                SingleByteCodec.decodeStrict(charset, new byte[] {(byte) b})
                        .ifPresent(s -> chars.add(s.charAt(0)))));
        plus.chars().forEach(c -> chars.add((char) c));
        minus.chars().forEach(c -> chars.remove((char) c));
        StringBuilder regex = new StringBuilder("[");
        chars.forEach(c -> regex.append(String.format("\\x{%x}", (int) c)));
        return regex.append(']').toString();
    }

    private static String cls(String... fragments) {
        return "[" + String.join("", fragments) + "]";
    }
}
