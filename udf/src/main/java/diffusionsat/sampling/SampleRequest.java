package diffusionsat.sampling;

import java.util.Objects;

/**
 * One image to sample.
 *
 * @param id names the output and, with the run seed, seeds the noise
 * @param caption the text prompt (longer than the tokenizer's 77 ids: truncated as CLIP does)
 * @param metadata the image's metadata
 * @param seed the seed of this item's initial noise ({@link TileSeeds#forTile})
 */
public record SampleRequest(String id, String caption, SatelliteMetadata metadata, long seed) {
    /** All parts are required. */
    public SampleRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caption, "caption");
        Objects.requireNonNull(metadata, "metadata");
    }
}
