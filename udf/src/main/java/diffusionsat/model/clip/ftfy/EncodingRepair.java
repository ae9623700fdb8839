package diffusionsat.model.clip.ftfy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy 6.3.1's {@code fix_encoding}: while the text looks like mojibake, re-encode it in the first
 * single-byte code page that can hold it and decode the bytes as UTF-8; failing that, fix embedded
 * UTF-8 runs one by one, then reinterpret C1 controls as Windows-1252.
 */
final class EncodingRepair {
    private static final Pattern C1_CONTROL = Pattern.compile("[\u0080-\u009f]");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private EncodingRepair() {}

    /** Repairs until a step changes nothing. */
    static String fixEncoding(String text) {
        while (true) {
            String fixed = fixOneStep(text);
            if (fixed.equals(text)) {
                return fixed;
            }
            text = fixed;
        }
    }

    /** Treats each C1 control character as the Windows-1252 character of that byte. */
    static String fixC1Controls(String text) {
        return C1_CONTROL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(String.valueOf(
                SingleByteCodec.SLOPPY_WINDOWS_1252.decode(m.group().charAt(0)))));
    }

    private static String fixOneStep(String text) {
        if (text.isEmpty() || isAscii(text) || !MojibakePatterns.isBad(text)) {
            return text;
        }
        // 1. UTF-8 decoded with a single-byte code page: encode back and decode as UTF-8
        boolean latin1Possible = false;
        for (SingleByteCodec codec : SingleByteCodec.values()) {
            if (!codec.canEncode(text)) {
                continue;
            }
            latin1Possible |= codec == SingleByteCodec.LATIN_1;
            byte[] bytes = codec.encode(text);
            if (codec != SingleByteCodec.MAC_ROMAN && Utf8Bytes.hasAlteredUtf8(bytes)) {
                bytes = Utf8Bytes.restoreByteA0(bytes);
            }
            if (codec.sloppy()) {
                bytes = Utf8Bytes.replaceLossySequences(bytes);
            }
            Optional<String> decoded = Utf8Bytes.decode(bytes);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        // 2. mojibake embedded in otherwise good text: fix each UTF-8-looking run on its own
        if (MojibakePatterns.utf8Sequences().matcher(text).find()) {
            String fixed = decodeInconsistentUtf8(text);
            if (!fixed.equals(text)) {
                return fixed;
            }
        }
        // 3. Latin-1 meant as Windows-1252. ftfy tests for "windows-1252" among the possible
        //    encodings, a name its list never holds (it holds "sloppy-windows-1252"), so this
        //    reinterpretation is always tried; we do the same.
        if (latin1Possible) {
            Optional<String> fixed = SingleByteCodec.decodeStrict(WINDOWS_1252,
                    text.getBytes(StandardCharsets.ISO_8859_1));
            if (fixed.isPresent() && !fixed.get().equals(text)) {
                return fixed.get();
            }
        }
        // 4. C1 controls left: browsers read them as Windows-1252, so do we
        if (C1_CONTROL.matcher(text).find()) {
            return fixC1Controls(text);
        }
        return text;
    }

    /** ftfy {@code decode_inconsistent_utf8}: repairs each shorter UTF-8 run that looks bad. */
    private static String decodeInconsistentUtf8(String text) {
        return MojibakePatterns.utf8Sequences().matcher(text).replaceAll(m -> {
            String run = m.group();
            boolean fixable = run.length() < text.length() && MojibakePatterns.isBad(run);
            return Matcher.quoteReplacement(fixable ? fixEncoding(run) : run);
        });
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
