package diffusionsat.temporal;

import diffusionsat.io.TileException;
import diffusionsat.spark.TileRef;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the T conditioning frames of a request among its sequence's catalogue rows. Rules, in
 * order:
 *
 * <ol>
 *   <li>frames without datetime, lon, lat or GSD, or with more cloud than {@code
 *       maxCloudCover} percent, are unusable (a missing cloud cover counts as 0, as upstream
 *       does for datasets without one);
 *   <li>the held-out frame (evaluation) and frames on the target's UTC day are never conditions;
 *   <li>frames sharing an acquisition day are duplicates: the least cloudy is kept (then the
 *       smallest id), since the model's metadata cannot tell them apart;
 *   <li>{@link FrameSelector} picks up to T of the rest by the request's rule;
 *   <li>fewer than T are padded with copies of the earliest chosen frame, as upstream pads a short
 *       sequence with copies of its frame 0 (DIFFUSIONSAT.md §6); the plan counts the copies.
 * </ol>
 *
 * No usable frame at all fails the request with a {@link TileException} saying why.
 */
public final class FramePlanner {
    private final int frameCount;
    private final double maxCloudCover;

    /**
     * @param frameCount T, the number of frames the model takes
     * @param maxCloudCover frames with more cloud (percent) are not used as conditions
     */
    public FramePlanner(int frameCount, double maxCloudCover) {
        this.frameCount = frameCount;
        this.maxCloudCover = maxCloudCover;
    }

    public FramePlan plan(TemporalRequest request, List<TileRef> sequence) {
        TileRef heldOut = request.evaluates() ? heldOut(request, sequence) : null;
        LocalDate targetDay = day(request.target());
        int unusable = 0;
        Map<LocalDate, List<TileRef>> byDay = new LinkedHashMap<>();
        for (TileRef frame : sequence) {
            if (frame == heldOut) {
                continue;
            }
            if (!usable(frame)) {
                unusable++;
                continue;
            }
            if (!day(frame.datetime()).equals(targetDay)) {
                byDay.computeIfAbsent(day(frame.datetime()), d -> new ArrayList<>()).add(frame);
            }
        }
        int duplicates = 0;
        List<TileRef> candidates = new ArrayList<>();
        for (List<TileRef> sameDay : byDay.values()) {
            duplicates += sameDay.size() - 1;
            candidates.add(sameDay.stream().min(Comparator.comparingDouble(FramePlanner::cloud)
                    .thenComparing(TileRef::id)).orElseThrow());
        }
        candidates.sort(Comparator.comparing(TileRef::datetime));
        if (candidates.isEmpty()) {
            throw new TileException(request.id(), "sequence " + request.sequenceId() + " has no"
                    + " usable frame besides the target day (" + sequence.size() + " frames, "
                    + unusable + " unusable)");
        }
        List<Instant> times = candidates.stream().map(TileRef::datetime).toList();
        List<Integer> picked = FrameSelector.select(times, request.target(), frameCount,
                request.selection());
        if (picked.isEmpty()) {
            String side = request.selection().name().toLowerCase(Locale.ROOT);
            throw new NoConditioningFramesException(request.id(), "sequence "
                    + request.sequenceId() + " has no frame " + side + " the target "
                    + request.target() + " (" + candidates.size() + " usable frames)");
        }
        List<TileRef> chosen = new ArrayList<>(picked.stream().map(candidates::get).toList());
        int padded = frameCount - chosen.size();
        for (int i = 0; i < padded; i++) {
            chosen.add(0, chosen.get(0)); // copies of the earliest keep the time order
        }
        List<Instant> chosenTimes = chosen.stream().map(TileRef::datetime).toList();
        TileRef grid = heldOut != null ? heldOut : nearest(chosen, request.target());
        return new FramePlan(chosen, grid, padded, duplicates, unusable,
                Split.of(chosenTimes, request.target()));
    }

    private boolean usable(TileRef frame) {
        return frame.datetime() != null && frame.lon() != null && frame.lat() != null
                && frame.gsd() != null && cloud(frame) <= maxCloudCover;
    }

    private static TileRef heldOut(TemporalRequest request, List<TileRef> sequence) {
        return sequence.stream().filter(f -> request.heldOutFrameId().equals(f.id())).findFirst()
                .orElseThrow(() -> new TileException(request.id(), "held-out frame "
                        + request.heldOutFrameId() + " is not in sequence "
                        + request.sequenceId()));
    }

    private static TileRef nearest(List<TileRef> frames, Instant target) {
        return frames.stream().min(Comparator.comparing(
                (TileRef f) -> Duration.between(f.datetime(), target).abs())
                .thenComparing(TileRef::datetime)).orElseThrow();
    }

    private static double cloud(TileRef frame) {
        return frame.cloudCover() == null ? 0 : frame.cloudCover();
    }

    private static LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }
}
