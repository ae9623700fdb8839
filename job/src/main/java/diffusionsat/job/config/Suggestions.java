package diffusionsat.job.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** "Did you mean …?" for a mistyped key, column or choice: the closest known name, if close. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * {@code " (did you mean X?)"} for the candidate nearest to {@code value} by edit distance
     * (case ignored), when it is within a third of the value's length (at least 2 edits); else "".
     */
    public static String didYouMean(String value, Collection<String> candidates) {
        if (value == null || value.isBlank()) {
            return "";
        }
        String typed = value.trim().toLowerCase(Locale.ROOT);
        int allowed = Math.max(2, typed.length() / 3);
        return candidates.stream()
                .min(Comparator.comparingInt(c -> distance(typed, c.toLowerCase(Locale.ROOT))))
                .filter(best -> distance(typed, best.toLowerCase(Locale.ROOT)) <= allowed)
                .map(best -> " (did you mean " + best + "?)")
                .orElse("");
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
