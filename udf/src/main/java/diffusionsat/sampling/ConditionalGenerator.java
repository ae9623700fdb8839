package diffusionsat.sampling;

import java.util.List;

/**
 * A loaded ControlNet pipeline (SatUNet + 2D or 3D ControlNet + VAE + text encoder + schedulers;
 * DIFFUSIONSAT.md §3, §4.2), obtained from {@code ExecutorModels.conditional}. Safe to use from
 * one task at a time.
 */
public interface ConditionalGenerator {

    /** T, the conditioning frames the ControlNet takes (1 for the 2D model). */
    int frames();

    /** C, the channels of each conditioning frame (10 for Sentinel-2 super-resolution, 3 RGB). */
    int channels();

    /** The side of the conditioning images, in pixels (256 for super-resolution at 512). */
    int conditioningSize();

    /** The side of the generated images, in pixels. */
    int outputSize();

    /**
     * Generates one image per request, in request order: guided sampling ({@code
     * sampler.scheduler}) with the ControlNet's residuals, batched on the device, the batch
     * halved and retried on out-of-memory; each item's output depends only on the item, not on
     * the batch it ran in.
     *
     * @param requests {@link #frames()} frames of {@link #channels()} channels each, {@link
     *     #conditioningSize()} pixels square
     * @param sampler steps, guidance scale and batch size; its height and width are not used:
     *     the image size is {@link #outputSize()}
     * @return per request R, G, B planes in [0, 1], each outputSize² values, row-major
     */
    List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler);

    /** Whether {@code sampler} runs the networks item by item on this generator's device. */
    boolean batchInvariant(SamplerConfig sampler);
}
