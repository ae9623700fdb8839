package diffusionsat.model.clip.ftfy;

import java.text.Normalizer;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Java re-implementation of {@code ftfy.fix_text} (ftfy 6.3.1, default settings), which CLIP's
 * tokenizers apply to every caption: HTML entities (only in text without '<'), mojibake repair,
 * C1 controls, Latin ligatures, character width, curly quotes, line breaks, surrogates, terminal
 * escapes, control characters, then NFC; repeated until nothing changes. Text is fixed line by
 * line, as ftfy does.
 */
public final class TextFixer {
    /** The fixers after HTML unescaping, in ftfy's order. */
    private static final List<UnaryOperator<String>> FIXERS = List.of(
            EncodingRepair::fixEncoding,
            EncodingRepair::fixC1Controls,
            CharacterFixes::fixLatinLigatures,
            CharacterFixes::fixCharacterWidth,
            CharacterFixes::uncurlQuotes,
            CharacterFixes::fixLineBreaks,
            CharacterFixes::fixSurrogates,
            CharacterFixes::removeTerminalEscapes,
            CharacterFixes::removeControlChars,
            text -> Normalizer.normalize(text, Normalizer.Form.NFC));

    private TextFixer() {}

    /** {@code ftfy.fix_text(text)} with ftfy's default configuration. */
    public static String fixText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean unescapeHtml = true;
        int pos = 0;
        while (pos < text.length()) {
            int lineEnd = text.indexOf('\n', pos);
            int end = lineEnd < 0 ? text.length() : lineEnd + 1;
            String segment = text.substring(pos, end);
            // ftfy's "auto" HTML mode: a '<' suggests real markup, and then entities are left
            // alone, for this line and every later one (ftfy keeps the changed setting).
            unescapeHtml &= segment.indexOf('<') < 0;
            out.append(fixSegment(segment, unescapeHtml));
            pos = end;
        }
        return out.toString();
    }

    private static String fixSegment(String text, boolean unescapeHtml) {
        while (true) {
            String original = text;
            if (unescapeHtml) {
                text = HtmlEntities.unescape(text);
            }
            for (UnaryOperator<String> fixer : FIXERS) {
                text = fixer.apply(text);
            }
            if (text.equals(original)) {
                return text;
            }
        }
    }
}
