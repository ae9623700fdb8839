package diffusionsat.model.clip.ftfy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ftfy 6.3.1's {@code unescape_html}: decodes named entities that end in ';' (HTML5 names, and the
 * upper-cased spelling of lower-case names, e.g. {@code &EACUTE;}) and numeric character
 * references as Python's {@code html.unescape} does; anything else is left as it is.
 */
final class HtmlEntities {
    private static final Pattern ENTITY = Pattern.compile("&#?[0-9A-Za-z]{1,24};");
    private static final Pattern NUMERIC = Pattern.compile("&#(?:([0-9]+)|[xX]([0-9a-fA-F]+));");
    private static final String TABLE = "html-entities.tsv";
    private static final Map<String, String> NAMED = readTable();

    private HtmlEntities() {}

    static String unescape(String text) {
        return ENTITY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(decode(m.group())));
    }

    private static String decode(String entity) {
        String named = NAMED.get(entity.substring(1, entity.length() - 1));
        if (named != null) {
            return named;
        }
        Matcher numeric = NUMERIC.matcher(entity);
        if (!numeric.matches()) {
            return entity;
        }
        BigInteger value = numeric.group(1) != null
                ? new BigInteger(numeric.group(1))
                : new BigInteger(numeric.group(2), 16);
        return characterReference(value);
    }

    /** What Python's {@code html.unescape} makes of {@code &#value;}. */
    private static String characterReference(BigInteger value) {
        if (value.compareTo(BigInteger.valueOf(Character.MAX_CODE_POINT)) > 0) {
            return "\uFFFD";
        }
        int cp = value.intValueExact();
        if (cp == 0) {
            return "\uFFFD";
        }
        if (cp == 0x0D) {
            return "\r";
        }
        if (cp >= 0x80 && cp <= 0x9F) {                       // read as Windows-1252, as browsers
            return String.valueOf(SingleByteCodec.SLOPPY_WINDOWS_1252.decode(cp));
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return "\uFFFD";
        }
        boolean invalid = cp <= 0x08 || cp == 0x0B || (cp >= 0x0E && cp <= 0x1F) || cp == 0x7F
                || (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
        return invalid ? "" : new String(Character.toChars(cp));
    }

    private static Map<String, String> readTable() {
        Map<String, String> table = new HashMap<>();
        InputStream in = HtmlEntities.class.getResourceAsStream(TABLE);
        if (in == null) {
            throw new IllegalStateException("resource " + TABLE + " is missing from the classpath");
        }
        try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#")).forEach(line -> {
                String[] columns = line.split("\t");
                StringBuilder text = new StringBuilder();
                for (String hex : columns[1].split(" ")) {
                    text.appendCodePoint(Integer.parseInt(hex, 16));
                }
                table.put(columns[0], text.toString());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + TABLE, e);
        }
        return Map.copyOf(table);
    }
}
