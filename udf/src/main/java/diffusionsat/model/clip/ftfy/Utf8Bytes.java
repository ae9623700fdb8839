package diffusionsat.model.clip.ftfy;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level steps of ftfy 6.3.1's encoding repair: restoring bytes A0 that became spaces, marking
 * lossy sequences as U+FFFD, and decoding strict UTF-8 or ftfy's "utf-8-variants" (which also
 * accepts CESU-8 surrogate pairs and Java's two-byte NUL). The byte patterns run on the bytes seen
 * as ISO-8859-1 characters, one character per byte.
 */
final class Utf8Bytes {
    /** "Ã " as a word, except before Portuguese "às", "àquele", "àquela", "àquilo". */
    private static final Pattern A_GRAVE_WORD =
            Pattern.compile("\u00c3 (?! |quele|quela|quilo|s )");
    /** UTF-8 sequences that would be valid if one space were byte A0 (ALTERED_UTF8_RE). */
    private static final Pattern ALTERED_UTF8 = Pattern.compile(
            "[\u00c2\u00c3\u00c5\u00ce\u00d0\u00d9][ ]"
            + "|[\u00e2\u00e3][ ][\u0080-\u0084\u0086-\u009f\u00a1-\u00bf]"
            + "|[\u00e0-\u00e3][\u0080-\u0084\u0086-\u009f\u00a1-\u00bf][ ]"
            + "|[\u00f0][ ][\u0080-\u00bf][\u0080-\u00bf]"
            + "|[\u00f0][\u0080-\u00bf][ ][\u0080-\u00bf]"
            + "|[\u00f0][\u0080-\u00bf][\u0080-\u00bf][ ]");
    /** UTF-8 sequences with continuation bytes lost to 0x1A (or one '?'): LOSSY_UTF8_RE. */
    private static final Pattern LOSSY_UTF8 = Pattern.compile(
            "[\u00c2-\u00df][\\x1a]"
            + "|[\u00c2-\u00c3][?]"
            + "|\u00ed[\u00a0-\u00af][\\x1a?]\u00ed[\u00b0-\u00bf][\\x1a?\u0080-\u00bf]"
            + "|\u00ed[\u00a0-\u00af][\\x1a?\u0080-\u00bf]\u00ed[\u00b0-\u00bf][\\x1a?]"
            + "|[\u00e0-\u00ef][\\x1a?][\\x1a\u0080-\u00bf]"
            + "|[\u00e0-\u00ef][\\x1a\u0080-\u00bf][\\x1a?]"
            + "|[\u00f0-\u00f4][\\x1a?][\\x1a\u0080-\u00bf][\\x1a\u0080-\u00bf]"
            + "|[\u00f0-\u00f4][\\x1a\u0080-\u00bf][\\x1a?][\\x1a\u0080-\u00bf]"
            + "|[\u00f0-\u00f4][\\x1a\u0080-\u00bf][\\x1a\u0080-\u00bf][\\x1a?]"
            + "|\\x1a");
    /** The UTF-8 bytes of U+FFFD, as ISO-8859-1 characters. */
    private static final String REPLACEMENT_BYTES = "\u00ef\u00bf\u00bd";
    /** A CESU-8 surrogate pair: 11101101 1010abcd 10efghij 11101101 1011klmn 10opqrst. */
    private static final Pattern CESU8_PAIR = Pattern.compile(
            "\u00ed[\u00a0-\u00af][\u0080-\u00bf]\u00ed[\u00b0-\u00bf][\u0080-\u00bf]");

    private Utf8Bytes() {}

    /** Whether some space in {@code bytes} looks like it replaced a byte A0 inside UTF-8. */
    static boolean hasAlteredUtf8(byte[] bytes) {
        return ALTERED_UTF8.matcher(asChars(bytes)).find();
    }

    /** Puts back bytes A0 that were turned into spaces (ftfy {@code restore_byte_a0}). */
    static byte[] restoreByteA0(byte[] bytes) {
        String text = A_GRAVE_WORD.matcher(asChars(bytes)).replaceAll("\u00c3\u00a0 ");
        Matcher matcher = ALTERED_UTF8.matcher(text);
        return asBytes(matcher.replaceAll(m -> Matcher.quoteReplacement(
                m.group().replace(' ', '\u00a0'))));
    }

    /** Decodes sequences that lost bytes as U+FFFD (ftfy {@code replace_lossy_sequences}). */
    static byte[] replaceLossySequences(byte[] bytes) {
        return asBytes(LOSSY_UTF8.matcher(asChars(bytes)).replaceAll(REPLACEMENT_BYTES));
    }

    /**
     * Decodes {@code bytes} as UTF-8: strictly, or as ftfy's "utf-8-variants" where the bytes
     * contain 0xED or 0xC0. Empty where they are not valid.
     */
    static Optional<String> decode(byte[] bytes) {
        String chars = asChars(bytes);
        boolean variants = chars.indexOf('\u00ed') >= 0 || chars.indexOf('\u00c0') >= 0;
        byte[] standard = variants ? asBytes(standardiseVariants(chars)) : bytes;
        return SingleByteCodec.decodeStrict(StandardCharsets.UTF_8, standard);
    }

    /** Rewrites CESU-8 pairs as 4-byte UTF-8 and C0 80 as 00, leaving all else as it is. */
    private static String standardiseVariants(String chars) {
        String pairsFixed = CESU8_PAIR.matcher(chars).replaceAll(m -> {
            String s = m.group();
            int codePoint = 0x10000 + ((s.charAt(1) & 0x0F) << 16) + ((s.charAt(2) & 0x3F) << 10)
                    + ((s.charAt(4) & 0x0F) << 6) + (s.charAt(5) & 0x3F);
            return Matcher.quoteReplacement(asChars(
                    new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)));
        });
        return pairsFixed.replace("\u00c0\u0080", "\u0000");
    }

    private static String asChars(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] asBytes(String chars) {
        return chars.getBytes(StandardCharsets.ISO_8859_1);
    }
}
