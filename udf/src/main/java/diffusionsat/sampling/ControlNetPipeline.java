package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.clip.TokenizedText;
import diffusionsat.model.controlnet.ControlNet;
import diffusionsat.model.controlnet.ResidualScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * DiffusionSat's ControlNet pipeline (pipeline_controlnet.py; DIFFUSIONSAT.md §3, §4.2): the
 * frozen SatUNet, VAE, text encoder and schedulers of a {@link DiffusionSatPipeline} plus a 2D or 3D
 * ControlNet whose residuals the UNet adds at every step. Classifier-free guidance pairs the
 * caption, target metadata and conditioning metadata with "", all-zero target metadata and
 * all-zero conditioning metadata; the conditioning images are duplicated into both halves.
 *
 * <p>Each item's initial noise comes from its own seed, and its text is encoded on its own, so an
 * item's image does not depend on the batch it ran in. Batches are halved and retried on
 * out-of-memory ({@link HalvingBatches}). Owns the native memory of its weights.
 *
 * <p>Dimensions: B batch, C conditioning channels, T frames, H×W conditioning size, h×w latent
 * size, S output size.
 */
public final class ControlNetPipeline implements AutoCloseable {
    /**
     * The residual multiplier of upstream's pipeline by default ({@code
     * controlnet_conditioning_scale}, pipeline_controlnet.py).
     */
    public static final float UPSTREAM_CONDITIONING_SCALE = 1f;

    private final DiffusionSatPipeline base;
    private final NDManager manager;
    private final ControlNet controlnet;
    private final ControlNetShape shape;

    /**
     * Assembles loaded parts; {@link ControlNetPipelineLoader} builds them from a checkpoint.
     *
     * @param manager holds the ControlNet's weights; closed with the pipeline, as is {@code base}
     */
    ControlNetPipeline(DiffusionSatPipeline base, NDManager manager, ControlNet controlnet,
            ControlNetShape shape) {
        this.base = base;
        this.manager = manager;
        this.controlnet = controlnet;
        this.shape = shape;
    }

    /** Whether {@code sampler} runs the networks item by item on this pipeline's device. */
    public boolean batchInvariant(SamplerConfig sampler) {
        return base.batchInvariant(sampler);
    }

    /** What the ControlNet takes and the pipeline makes. */
    public ControlNetShape shape() {
        return shape;
    }

    /** This pipeline as a generator whose items are seeded from {@code runSeed}. */
    public ConditionalGenerator forRun(long runSeed) {
        return new SeededGenerator(this, new TileSeeds(runSeed));
    }

    /**
     * Generates one image per request, in request order (see {@link ConditionalGenerator}).
     *
     * @param seeds the seed of each item's initial noise, by item id: {@code
     *     TileSeeds(runSeed)::forTile} for a run's items
     * @throws IllegalArgumentException when a request does not fit the ControlNet
     */
    public List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler,
            ToLongFunction<String> seeds) {
        return generate(requests, sampler, seeds, UPSTREAM_CONDITIONING_SCALE);
    }

    /**
     * As {@link #generate(List, SamplerConfig, ToLongFunction)}, the ControlNet's residuals
     * multiplied by {@code conditioningScale} (upstream's {@code
     * controlnet_conditioning_scale}).
     */
    public List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler,
            ToLongFunction<String> seeds, float conditioningScale) {
        ResidualScaling scaling = ResidualScaling.uniform(conditioningScale);
        return generateBatches(requests, sampler,
                batch -> generateBatch(batch, sampler, seeds, scaling));
    }

    /** {@link #generate}, each batch through {@code batch} (a test injects device failures). */
    List<float[][]> generateBatches(List<ConditionalRequest> requests, SamplerConfig sampler,
            Function<List<ConditionalRequest>, List<float[][]>> batch) {
        requests.forEach(shape::requireFits);
        base.requireScheduler(sampler);
        return HalvingBatches.run(requests, sampler.batchSize(), batch);
    }

    /** One batch on the device, in its own manager scope (STYLE.md §3.3). */
    List<float[][]> generateBatch(List<ConditionalRequest> requests, SamplerConfig sampler,
            ToLongFunction<String> seeds, ResidualScaling scaling) {
        LatentDiffusion diffusion = base.diffusion();
        int count = requests.size();
        int latentSize = shape.outputSize() / diffusion.vaeScaleFactor();
        int latentChannels = diffusion.unetConfig().inChannels();
        int perItem = latentChannels * latentSize * latentSize;
        boolean withMetadata = diffusion.unetConfig().useMetadata();
        try (NDManager batch = manager.newSubManager()) {
            List<TokenizedText> captions = new ArrayList<>();
            float[] noise = new float[count * perItem];
            for (int i = 0; i < count; i++) {
                ConditionalRequest request = requests.get(i);
                captions.add(base.tokenize(request.itemId(), request.caption()));
                System.arraycopy(LatentNoise.gaussian(seeds.applyAsLong(request.itemId()), perItem),
                        0, noise, i * perItem, perItem);
            }
            NDArray targetMetadata = withMetadata ? batch.create(ConditioningArrays
                    .targetMetadata(requests), new Shape(count, SatelliteMetadata.SIZE)) : null;
            Inputs inputs = new Inputs(
                    batch.create(noise, new Shape(count, latentChannels, latentSize, latentSize)),
                    base.textConditioning(batch, captions, targetMetadata),
                    ConditioningArrays.images(batch, requests, shape),
                    withMetadata ? ConditioningArrays.frameMetadata(batch, requests, shape)
                            : null);
            float[] pixels = base.batchInvariant(sampler) ? itemByItem(inputs, sampler, scaling)
                    : denoiseAndDecode(inputs, sampler, scaling);
            return ConditioningArrays.rgbPlanes(pixels, count, shape.outputSize());
        }
    }

    /**
     * A batch's arrays: (B, 4, h, w) x_T, the text and target metadata, the conditioning images
     * and their metadata (null without metadata MLPs).
     */
    private record Inputs(NDArray noise, Conditioning text, NDArray images, NDArray metadata) {
        /** Item {@code i} alone, as a batch of one. */
        Inputs item(int i) {
            String item = i + ":" + (i + 1);
            Conditioning one = new Conditioning(text.promptEmbeds().get(item),
                    text.negativePromptEmbeds().get(item),
                    text.metadata() == null ? null : text.metadata().get(item));
            return new Inputs(noise.get(item), one, images.get(item),
                    metadata == null ? null : metadata.get(item));
        }
    }

    /**
     * Each item alone through the networks ({@link SamplerConfig#batchInvariance()}): libtorch
     * picks kernels by batch size, so only this makes an item's image bit-identical whatever
     * batch it shares. Pixels are concatenated in item order.
     */
    private float[] itemByItem(Inputs inputs, SamplerConfig sampler, ResidualScaling scaling) {
        int count = Math.toIntExact(inputs.noise().getShape().get(0));
        int perImage = shape.outputSize() * shape.outputSize() * 3;
        float[] pixels = new float[count * perImage];
        for (int i = 0; i < count; i++) {
            System.arraycopy(denoiseAndDecode(inputs.item(i), sampler, scaling), 0, pixels,
                    i * perImage, perImage);
        }
        return pixels;
    }

    /**
     * Guided sampling with the ControlNet's residuals, then the VAE decode.
     *
     * @return (B, S, S, 3) pixels in [0, 1], copied to the heap
     */
    private float[] denoiseAndDecode(Inputs inputs, SamplerConfig sampler,
            ResidualScaling scaling) {
        UNetControl control = control(controlnet, inputs.images(), inputs.metadata(),
                sampler.guidanceScale(), scaling);
        LatentDiffusion diffusion = base.diffusion();
        NDArray latents = diffusion.denoise(inputs.noise(), inputs.text(), sampler.scheduler(),
                sampler.steps(), sampler.guidanceScale(), StepListener.NONE, control);
        return diffusion.decode(latents).toFloatArray();
    }

    /**
     * The ControlNet as the UNet's control of one batch. Under guidance the images are
     * duplicated into both halves and the conditioning metadata is zero in the unconditional
     * half (pipeline_controlnet.py:666, 703); reference case j runs this with its own latents.
     *
     * @param images (B, C, H, W) or (B, C, T, H, W) conditioning images
     * @param metadata (B, 7) or (B, 7, T) normalised conditioning metadata, or null
     */
    static UNetControl control(ControlNet controlnet, NDArray images, NDArray metadata,
            double guidanceScale, ResidualScaling scaling) {
        boolean guided = guidanceScale > 1; // as GuidedDenoiser.guided()
        return new ControlNetControl(controlnet,
                guided ? NDArrays.concat(new NDList(images, images)) : images,    // (2B, ...)
                metadata == null || !guided ? metadata
                        : NDArrays.concat(new NDList(metadata.zerosLike(), metadata)),
                scaling);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            base.close();
        }
    }
}
