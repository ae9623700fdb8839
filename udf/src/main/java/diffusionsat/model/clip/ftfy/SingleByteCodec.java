package diffusionsat.model.clip.ftfy;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The single-byte encodings that ftfy 6.3.1 tries, in its order ({@code CHARMAP_ENCODINGS}), when
 * it looks for UTF-8 that was decoded with the wrong code page. The "sloppy" Windows code pages
 * decode their unassigned bytes as the Latin-1 character of the same number and byte 0x1A as
 * U+FFFD, so that every byte string decodes and every decoded string encodes back.
 */
enum SingleByteCodec {
    LATIN_1("ISO-8859-1", false),
    SLOPPY_WINDOWS_1252("windows-1252", true),
    SLOPPY_WINDOWS_1251("windows-1251", true),
    SLOPPY_WINDOWS_1250("windows-1250", true),
    SLOPPY_WINDOWS_1253("windows-1253", true),
    SLOPPY_WINDOWS_1254("windows-1254", true),
    SLOPPY_WINDOWS_1257("windows-1257", true),
    ISO_8859_2("ISO-8859-2", false),
    MAC_ROMAN("x-MacRoman", false),
    CP437("IBM437", false);

    private static final char REPLACEMENT = '\uFFFD';
    private static final int SUBSTITUTE_BYTE = 0x1A;

    private final boolean sloppy;
    private final char[] decodeTable = new char[256];
    private final Map<Character, Byte> encodeTable = new HashMap<>();

    SingleByteCodec(String charsetName, boolean sloppy) {
        this.sloppy = sloppy;
        Charset charset = Charset.forName(charsetName);
        for (int b = 0; b < 256; b++) {
            char decoded = decodeStrict(charset, new byte[] {(byte) b}).map(s -> s.charAt(0))
                    .orElse((char) b);                          // sloppy: unassigned -> Latin-1
            decodeTable[b] = sloppy && b == SUBSTITUTE_BYTE ? REPLACEMENT : decoded;
            encodeTable.putIfAbsent(decodeTable[b], (byte) b);
        }
    }

    /** Whether this is one of ftfy's "sloppy-windows-*" variants. */
    boolean sloppy() {
        return sloppy;
    }

    /**
     * Whether {@code text} could have come from decoding bytes in this encoding (ftfy's
     * {@code possible_encoding}): every character is ASCII other than U+001A, or is what one of
     * the bytes 0x80..0xFF or 0x1A decodes to.
     */
    boolean canEncode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ascii = c < 0x80 && c != SUBSTITUTE_BYTE;
            if (!ascii && !isHighOrSubstitute(c)) {
                return false;
            }
        }
        return true;
    }

    /** The bytes of {@code text}; call only when {@link #canEncode} holds. */
    byte[] encode(String text) {
        byte[] bytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            Byte b = encodeTable.get(text.charAt(i));
            if (b == null) {
                throw new IllegalArgumentException("cannot encode U+"
                        + Integer.toHexString(text.charAt(i)) + " in " + this);
            }
            bytes[i] = b;
        }
        return bytes;
    }

    /** The character byte {@code b} (0..255) decodes to. */
    char decode(int b) {
        return decodeTable[b];
    }

    /** Strict decoding of {@code bytes}, or empty where the charset rejects them. */
    static Optional<String> decodeStrict(Charset charset, byte[] bytes) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private boolean isHighOrSubstitute(char c) {
        Byte b = encodeTable.get(c);
        return b != null && ((b & 0xFF) >= 0x80 || b == SUBSTITUTE_BYTE);
    }
}
