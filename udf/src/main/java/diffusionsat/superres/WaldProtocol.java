package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.sampling.SatelliteMetadata;

/**
 * Wald's protocol: degrade the observed RGB by the scale (pixel averages), super-resolve it
 * back, and compare with what was observed.
 */
final class WaldProtocol {
    private final SuperResolver resolver;
    private final int scale;
    private final ImageComparison comparison;

    WaldProtocol(SuperResolver resolver, int scale, ImageComparison comparison) {
        this.resolver = resolver;
        this.scale = scale;
        this.comparison = comparison;
    }

    /** Scores {@code channels} (a tile, or a chunk's core); the metrics cover their pixels. */
    TileMetrics score(String tileId, TileChannels channels, SatelliteMetadata metadata,
            long seed) {
        int width = (channels.width() / scale) * scale;
        int height = (channels.height() / scale) * scale;
        if (width < ImageComparison.minSide() || height < ImageComparison.minSide()) {
            throw new TileException(tileId, "too small (" + channels.width() + "x"
                    + channels.height() + ") for Wald's protocol at scale " + scale + ": SSIM"
                    + " needs " + ImageComparison.minSide() + " px a side");
        }
        SuperResolutionInput degraded = channels.degraded(scale, seed, metadata);
        float[][] restored = resolver.superResolve(degraded, scale);
        return comparison.compare("wald", restored, width, height,
                channels.rgbCropped(width, height), width, height);
    }
}
