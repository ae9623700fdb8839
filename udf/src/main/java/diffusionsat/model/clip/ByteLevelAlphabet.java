package diffusionsat.model.clip;

import java.nio.charset.StandardCharsets;

/**
 * CLIP's reversible map from the 256 byte values to printable characters ({@code bytes_to_unicode}
 * in CLIP's {@code simple_tokenizer.py}): the printable Latin-1 bytes stand for themselves, and the
 * others (controls, space, 0x7F-0xA0, 0xAD) take the characters from U+0100 on, in byte order. BPE
 * then works on strings without spaces or control characters.
 */
final class ByteLevelAlphabet {
    private static final char[] BYTE_TO_CHAR = buildTable();

    private ByteLevelAlphabet() {}

    /** The UTF-8 bytes of {@code text}, one alphabet character per byte. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        }
        return new String(chars);
    }

    private static char[] buildTable() {
        char[] table = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC)
                    || (b >= 0xAE && b <= 0xFF);
            table[b] = (char) (printable ? b : next++);
        }
        return table;
    }
}
