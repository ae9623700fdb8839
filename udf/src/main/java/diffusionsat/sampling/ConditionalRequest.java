package diffusionsat.sampling;

import java.util.Objects;

/**
 * One conditional generation: a target described by caption and metadata, conditioned on T
 * frames (T = 1 for the 2D ControlNet; DIFFUSIONSAT.md §3).
 *
 * @param itemId names the item and seeds its noise: {@code TileSeeds(runSeed).forTile(itemId)}
 *     with the generator's run seed
 * @param caption the text prompt ("" allowed)
 * @param targetMetadata the target's 7 normalised values (DIFFUSIONSAT.md §1.1), from {@link
 *     SatelliteMetadata#normalized()}
 * @param frames T × C × (condHeight·condWidth) conditioning images in [0, 1], row-major planes,
 *     frame order = time order given by the caller
 * @param frameMetadata T × 7 normalised metadata of the conditioning frames
 * @param condWidth conditioning image width in pixels
 * @param condHeight conditioning image height in pixels
 */
public record ConditionalRequest(String itemId, String caption, float[] targetMetadata,
        float[][][] frames, float[][] frameMetadata, int condWidth, int condHeight) {

    /** Checks that the arrays agree with each other: T frames of C equal planes, 7 values each. */
    public ConditionalRequest {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(caption, "caption");
        requireMetadata(itemId, "target metadata", targetMetadata);
        if (frames.length == 0 || frames.length != frameMetadata.length) {
            throw new IllegalArgumentException(itemId + ": " + frames.length + " frames with "
                    + frameMetadata.length + " metadata rows; need T >= 1 of each");
        }
        int channels = frames[0].length;
        for (int t = 0; t < frames.length; t++) {
            requireMetadata(itemId, "frame " + t + " metadata", frameMetadata[t]);
            if (frames[t].length != channels || channels == 0) {
                throw new IllegalArgumentException(itemId + ": frame " + t + " has "
                        + frames[t].length + " channels, frame 0 has " + channels);
            }
            for (float[] plane : frames[t]) {
                if (plane.length != condWidth * condHeight) {
                    throw new IllegalArgumentException(itemId + ": a plane of frame " + t
                            + " has " + plane.length + " values, expected " + condWidth + "x"
                            + condHeight);
                }
            }
        }
    }

    /** T, the number of conditioning frames. */
    public int frameCount() {
        return frames.length;
    }

    /** C, the channels of each conditioning frame. */
    public int channelCount() {
        return frames[0].length;
    }

    private static void requireMetadata(String itemId, String what, float[] values) {
        if (values == null || values.length != SatelliteMetadata.SIZE) {
            throw new IllegalArgumentException(itemId + ": " + what + " must have "
                    + SatelliteMetadata.SIZE + " values");
        }
    }
}
