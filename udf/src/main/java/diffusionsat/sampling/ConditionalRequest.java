package diffusionsat.sampling;

/** One conditional generation: a target described by caption + metadata, conditioned on T frames (T = 1 for the 2D ControlNet). */
public record ConditionalRequest(
        String itemId,                 // seeds the item's noise with TileSeeds(runSeed).forTile(itemId)
        String caption,                // "" allowed
        float[] targetMetadata,        // 7 normalised values (DIFFUSIONSAT.md §1.1), from SatelliteMetadata
        float[][][] frames,            // T × C × (condHeight·condWidth) conditioning images in [0,1], frame order = time order given by the caller
        float[][] frameMetadata,       // T × 7 normalised conditioning metadata
        int condWidth, int condHeight) {}
