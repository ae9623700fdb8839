package diffusionsat.temporal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Picks at most {@code count} conditioning frames among a sequence's acquisition times by a
 * {@link FrameSelection} rule. Pure: no I/O, no randomness, so a request always gets the same
 * frames. Fewer frames than {@code count} come back when the rule finds fewer; padding is the
 * caller's decision.
 */
public final class FrameSelector {
    private FrameSelector() {}

    /**
     * @param times acquisition times, strictly ascending
     * @param target the time to predict
     * @param count how many frames the model takes (T), at least 1
     * @return indices into {@code times}, ascending (time order)
     */
    public static List<Integer> select(List<Instant> times, Instant target, int count,
            FrameSelection rule) {
        if (count < 1) {
            throw new IllegalArgumentException("frame count must be at least 1: " + count);
        }
        for (int i = 1; i < times.size(); i++) {
            if (!times.get(i - 1).isBefore(times.get(i))) {
                throw new IllegalArgumentException("times must be strictly ascending: "
                        + times.get(i - 1) + " then " + times.get(i));
            }
        }
        int n = times.size();
        List<Integer> picked = switch (rule) {
            case NEAREST -> nearest(times, target, count);
            case BEFORE -> {
                List<Integer> before = IntStream.range(0, n)
                        .filter(i -> times.get(i).isBefore(target)).boxed().toList();
                yield before.subList(Math.max(0, before.size() - count), before.size());
            }
            case AFTER -> IntStream.range(0, n).filter(i -> times.get(i).isAfter(target))
                    .limit(count).boxed().toList();
            case EVENLY_SPACED -> count == 1 || n <= count ? nearest(times, target, count)
                    : evenlySpaced(n, count);
        };
        List<Integer> sorted = new ArrayList<>(picked);
        sorted.sort(Comparator.naturalOrder());
        return List.copyOf(sorted);
    }

    private static List<Integer> nearest(List<Instant> times, Instant target, int count) {
        // Stable sort by distance keeps index order on ties: the earlier frame wins.
        return IntStream.range(0, times.size()).boxed()
                .sorted(Comparator.comparing(i -> Duration.between(times.get(i), target).abs()))
                .limit(count).toList();
    }

    /** Positions round(i·(n−1)/(count−1)), i = 0..count−1: distinct because n &gt; count. */
    private static List<Integer> evenlySpaced(int n, int count) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add((int) Math.round(i * (n - 1) / (double) (count - 1)));
        }
        return out;
    }
}
