package diffusionsat.superres;

/**
 * What super-resolving one tile produced besides its COG.
 *
 * @param metrics against the target or by Wald's protocol; null when the tile has neither
 * @param uncertainty mean per-pixel standard deviation over the seeds' samples; null when
 *     {@link SuperResolutionSettings#uncertainty()} is off
 * @param uncertaintyUri the standard-deviation COG; null when off
 */
public record SuperResolvedTile(TileMetrics metrics, Double uncertainty, String uncertaintyUri) {}
