package diffusionsat.superres;

import diffusionsat.sampling.SatelliteMetadata;

/**
 * What the fMoW-Sentinel ControlNet is told about one input (upstream {@code
 * fmow_preprocess_train}, MANIFEST.md fact 14; DIFFUSIONSAT.md §1.1): the target's metadata, its
 * GSD that of the generated pixels, and the conditioning metadata, a copy of the target's with the
 * Sentinel-2 GSD of 10 m. Under Wald's protocol the input was degraded by the scale, so both GSDs
 * follow the degraded pixels: the target's GSD is the degraded input's over the output, and the
 * condition's 10 m × the degradation.
 *
 * @param target the target's 7 normalised values
 * @param conditioning the conditioning image's 7 normalised values
 */
public record SuperResolutionMetadata(float[] target, float[] conditioning) {
    /** The conditioning GSD upstream gives every Sentinel-2 input: raw 10 m, not rescaled. */
    public static final double CONDITIONING_GSD = 10.0;

    /**
     * The metadata of one input.
     *
     * @param input the input's position (its centre), cloud cover and date, with the GSD of its
     *     pixels
     * @param inputWidth input pixels across
     * @param outputSize the generated image's pixels across
     * @param degradation 1, or the factor by which Wald's protocol degraded the input
     */
    public static SuperResolutionMetadata of(SatelliteMetadata input, int inputWidth,
            int outputSize, int degradation) {
        SatelliteMetadata target = withGsd(input, input.gsd() * inputWidth / outputSize);
        return new SuperResolutionMetadata(target.normalized(),
                conditioning(target, degradation).normalized());
    }

    /** The conditioning metadata of {@code target}: the same with GSD 10 m × degradation. */
    public static SatelliteMetadata conditioning(SatelliteMetadata target, int degradation) {
        return withGsd(target, CONDITIONING_GSD * degradation);
    }

    private static SatelliteMetadata withGsd(SatelliteMetadata metadata, double gsd) {
        return new SatelliteMetadata(metadata.lon(), metadata.lat(), gsd,
                metadata.cloudCoverPercent(), metadata.date());
    }
}
