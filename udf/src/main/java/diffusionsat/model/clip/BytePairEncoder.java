package diffusionsat.model.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIP's byte-pair encoding of one pre-tokenised word: start from its byte-level characters with
 * {@code </w>} on the last one, then repeatedly merge every left-to-right occurrence of the
 * adjacent pair with the lowest merge rank, until no adjacent pair has a rank. Results are cached
 * per word, as captions repeat words.
 */
final class BytePairEncoder {
    static final String END_OF_WORD = "</w>";
    /** Bounds the cache; a caption corpus's vocabulary stays far below this. */
    private static final int CACHE_LIMIT = 200_000;

    /** Merge rank keyed by "first second" (symbols never contain a space). */
    private final Map<String, Integer> mergeRanks;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    BytePairEncoder(Map<String, Integer> mergeRanks) {
        this.mergeRanks = Map.copyOf(mergeRanks);
    }

    /** The BPE symbols of {@code word}, a string of byte-level alphabet characters. */
    List<String> encode(String word) {
        List<String> cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> symbols = merge(word);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(word, symbols);
        return symbols;
    }

    private List<String> merge(String word) {
        List<String> symbols = new ArrayList<>(word.length());
        for (int i = 0; i < word.length() - 1; i++) {
            symbols.add(String.valueOf(word.charAt(i)));
        }
        symbols.add(word.charAt(word.length() - 1) + END_OF_WORD);
        while (symbols.size() > 1) {
            int best = lowestRankedPair(symbols);
            if (best < 0) {
                break;
            }
            String first = symbols.get(best);
            String second = symbols.get(best + 1);
            List<String> merged = new ArrayList<>(symbols.size());
            int i = 0;
            while (i < symbols.size()) {
                boolean pairHere = i < symbols.size() - 1 && symbols.get(i).equals(first)
                        && symbols.get(i + 1).equals(second);
                merged.add(pairHere ? first + second : symbols.get(i));
                i += pairHere ? 2 : 1;
            }
            symbols = merged;
        }
        return List.copyOf(symbols);
    }

    /** The index of the first symbol of the pair with the lowest rank, or -1 if none ranks. */
    private int lowestRankedPair(List<String> symbols) {
        int bestIndex = -1;
        int bestRank = Integer.MAX_VALUE;
        for (int i = 0; i < symbols.size() - 1; i++) {
            Integer rank = mergeRanks.get(symbols.get(i) + " " + symbols.get(i + 1));
            if (rank != null && rank < bestRank) {
                bestRank = rank;
                bestIndex = i;
            }
        }
        return bestIndex;
    }
}
