package diffusionsat.temporal;

import diffusionsat.spark.TileRef;
import java.util.List;

/**
 * The conditioning frames chosen for one request and how they were found.
 *
 * @param frames exactly T frames in time order, padding included (a padded copy repeats a frame)
 * @param gridFrame the frame whose pixel grid the output takes: the held-out frame in evaluation
 *     mode, else the chosen frame nearest in time to the target (ties: the earlier)
 * @param padded how many of {@code frames} are copies because the sequence had fewer than T
 * @param duplicatesDropped frames left out because another frame has the same acquisition day
 * @param unusable frames left out for missing date/position/GSD or too much cloud
 * @param split where the frames lie relative to the target
 */
public record FramePlan(List<TileRef> frames, TileRef gridFrame, int padded,
        int duplicatesDropped, int unusable, Split split) {

    public FramePlan {
        frames = List.copyOf(frames);
    }

    /** The ids of {@link #frames()}, padding included, in time order. */
    public List<String> frameIds() {
        return frames.stream().map(TileRef::id).toList();
    }
}
