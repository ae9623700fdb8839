package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.clip.ClipTextModel;
import diffusionsat.model.clip.ClipTokenizer;
import diffusionsat.model.clip.TokenizedText;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DiffusionSat text + metadata → image (pipeline.py; DIFFUSIONSAT.md §4): captions through the
 * CLIP tokenizer and text encoder, the unconditional branch from the encoding of "" and all-zero
 * metadata, per-item initial noise from each request's seed, guided sampling (DDIM, DPM-Solver++
 * or UniPC), VAE decode to 8-bit RGB. Requests are sampled in batches of {@link
 * SamplerConfig#batchSize()}, halved and retried on out-of-memory ({@link HalvingBatches}), each
 * in its own {@link NDManager} scope (STYLE.md §3.3); results are copied to the heap before it
 * closes.
 *
 * <p>Owns the native memory of its weights: {@link #close()} frees them. Safe to share between
 * threads (the weights are only read).
 */
public final class DiffusionSatPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DiffusionSatPipeline.class);

    private final NDManager manager;
    private final ClipTokenizer tokenizer;
    private final ClipTextModel textEncoder;
    private final LatentDiffusion diffusion;

    /**
     * Assembles loaded parts; {@link PipelineLoader} builds them from a checkpoint folder.
     *
     * @param manager the manager holding the weights, closed with the pipeline
     */
    DiffusionSatPipeline(NDManager manager, ClipTokenizer tokenizer, ClipTextModel textEncoder,
            LatentDiffusion diffusion) {
        this.manager = manager;
        this.tokenizer = tokenizer;
        this.textEncoder = textEncoder;
        this.diffusion = diffusion;
    }

    /** The UNet's architecture. */
    public UNetConfig unetConfig() {
        return diffusion.unetConfig();
    }

    /**
     * Whether {@code sampler} runs the networks item by item here ({@code
     * sampler.batchInvariant}, {@code auto} resolved for this pipeline's device).
     */
    public boolean batchInvariant(SamplerConfig sampler) {
        return sampler.batchInvariantOn(manager.getDevice());
    }

    /**
     * Samples one image per request, in request order.
     *
     * @throws IllegalArgumentException when the image size is not a multiple of the VAE's scale
     * @throws diffusionsat.io.ConfigException when the checkpoint's scheduler config does not
     *     give the chosen scheduler, or has fewer training steps than {@code sampler.steps}
     */
    public List<GeneratedImage> sample(List<SampleRequest> requests, SamplerConfig sampler) {
        return sample(requests, sampler, this::sampleBatch);
    }

    /** {@link #sample}, each batch through {@code batch} (a test injects device failures). */
    List<GeneratedImage> sample(List<SampleRequest> requests, SamplerConfig sampler,
            BiFunction<List<SampleRequest>, SamplerConfig, List<GeneratedImage>> batch) {
        int factor = diffusion.vaeScaleFactor();
        if (sampler.height() % factor != 0 || sampler.width() % factor != 0) {
            throw new IllegalArgumentException("image size " + sampler.height() + "x"
                    + sampler.width() + " is not a multiple of the VAE scale factor " + factor);
        }
        requireScheduler(sampler);
        return HalvingBatches.run(requests, sampler.batchSize(),
                items -> batch.apply(items, sampler));
    }

    /** The chosen scheduler exists for this checkpoint and has enough training steps. */
    void requireScheduler(SamplerConfig sampler) {
        Schedulers.requireSteps(diffusion.scheduler(sampler.scheduler()), sampler.steps());
    }

    List<GeneratedImage> sampleBatch(List<SampleRequest> requests, SamplerConfig sampler) {
        int count = requests.size();
        int factor = diffusion.vaeScaleFactor();
        int channels = diffusion.unetConfig().inChannels();
        int latentHeight = sampler.height() / factor;
        int latentWidth = sampler.width() / factor;
        try (NDManager batch = manager.newSubManager()) {
            List<TokenizedText> captions = new ArrayList<>();
            float[] metadata = new float[count * SatelliteMetadata.SIZE];
            float[] noise = new float[count * channels * latentHeight * latentWidth];
            int perItem = channels * latentHeight * latentWidth;
            for (int i = 0; i < count; i++) {
                SampleRequest request = requests.get(i);
                captions.add(tokenize(request));
                System.arraycopy(request.metadata().normalized(), 0, metadata,
                        i * SatelliteMetadata.SIZE, SatelliteMetadata.SIZE);
                System.arraycopy(LatentNoise.gaussian(request.seed(), perItem), 0, noise,
                        i * perItem, perItem);
            }
            NDArray metadataArray = diffusion.unetConfig().useMetadata()
                    ? batch.create(metadata, new Shape(count, SatelliteMetadata.SIZE)) : null;
            NDArray initial = batch.create(noise,
                    new Shape(count, channels, latentHeight, latentWidth));
            Conditioning condition = textConditioning(batch, captions, metadataArray);
            float[] pixels = batchInvariant(sampler)
                    ? itemByItem(initial, condition, sampler) : denoiseAndDecode(initial,
                            condition, sampler);
            return toImages(requests, captions, pixels, sampler);
        }
    }

    /** Each item alone through the networks; pixels concatenated in item order. */
    private float[] itemByItem(NDArray initial, Conditioning condition, SamplerConfig sampler) {
        int count = Math.toIntExact(initial.getShape().get(0));
        int perImage = sampler.height() * sampler.width() * 3;
        float[] pixels = new float[count * perImage];
        for (int i = 0; i < count; i++) {
            String item = i + ":" + (i + 1);
            NDArray metadata = condition.metadata() == null ? null : condition.metadata().get(item);
            Conditioning one = new Conditioning(condition.promptEmbeds().get(item),
                    condition.negativePromptEmbeds().get(item), metadata);
            System.arraycopy(denoiseAndDecode(initial.get(item), one, sampler), 0, pixels,
                    i * perImage, perImage);
        }
        return pixels;
    }

    /** (B, C, h, w) x_T -> (B, H, W, 3) pixels in [0, 1], copied to the heap. */
    private float[] denoiseAndDecode(NDArray initial, Conditioning condition,
            SamplerConfig sampler) {
        NDArray latents = diffusion.denoise(initial, condition, sampler.scheduler(),
                sampler.steps(), sampler.guidanceScale(), StepListener.NONE);
        return diffusion.decode(latents).toFloatArray();
    }

    /**
     * Text embeddings, one caption at a time: the encoder's output for a caption then does not
     * depend on which other captions share its batch (matrix kernels may round differently for
     * other batch sizes), and text encoding is a small part of a sampling run.
     */
    private NDArray encode(NDManager batch, List<TokenizedText> captions) {
        List<NDArray> rows = new ArrayList<>();
        for (TokenizedText caption : captions) {
            rows.add(textEncoder.forward(ClipTextModel.inputIds(batch, List.of(caption))));
        }
        return rows.size() == 1 ? rows.get(0)
                : NDArrays.concat(new NDList(rows));                    // (B, M, D)
    }

    private TokenizedText tokenize(SampleRequest request) {
        return tokenize(request.id(), request.caption());
    }

    /** {@code caption}'s CLIP tokens; a truncation is logged, naming the item {@code id}. */
    TokenizedText tokenize(String id, String caption) {
        TokenizedText tokens = tokenizer.tokenize(caption);
        if (tokens.truncated()) {
            log.warn("{}: caption has {} tokens; CLIP keeps the first {} (truncated)",
                    id, tokens.tokenCount(), tokens.ids().length - 2);
        }
        return tokens;
    }

    private static List<GeneratedImage> toImages(List<SampleRequest> requests,
            List<TokenizedText> captions, float[] pixels, SamplerConfig sampler) {
        int perImage = sampler.height() * sampler.width() * 3;
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            byte[] rgb = new byte[perImage];
            for (int p = 0; p < perImage; p++) {
                // numpy's (x * 255).round() in float32: round half to even
                rgb[p] = (byte) Math.rint(pixels[i * perImage + p] * 255f);
            }
            TokenizedText caption = captions.get(i);
            images.add(new GeneratedImage(requests.get(i).id(), sampler.width(),
                    sampler.height(), rgb, caption.tokenCount(), caption.truncated()));
        }
        return images;
    }

    /** The latent diffusion part, for pipelines that add a ControlNet to it. */
    LatentDiffusion diffusion() {
        return diffusion;
    }

    /**
     * What a batch of {@code captions} is conditioned on: the
     * captions' embeddings (B, M, D), one encoder call each, the unconditional text, the encoding
     * of "" repeated B times (pipeline.py:296), and {@code metadata}.
     */
    Conditioning textConditioning(NDManager batch, List<TokenizedText> captions,
            NDArray metadata) {
        NDArray prompt = encode(batch, captions);                          // (B, M, D)
        NDArray negative = encode(batch, List.of(tokenizer.tokenize("")))  // (1, M, D)
                .repeat(0, captions.size());                               // (B, M, D)
        return new Conditioning(prompt, negative, metadata);
    }

    /** Frees the weights. */
    @Override
    public void close() {
        manager.close();
    }
}
