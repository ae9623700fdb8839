package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.ops.Scope;
import diffusionsat.model.unet.SatUNet;
import diffusionsat.model.unet.UNetInputs;
import diffusionsat.model.vae.AutoencoderKL;

/**
 * The latent part of DiffusionSat's text-to-image pipeline (pipeline.py; DIFFUSIONSAT.md §4.2):
 * guided denoising with a {@link SatUNet} and the scheduler a run chooses among the checkpoint's
 * {@link Schedulers}, then the VAE decode to an image in [0, 1]. Text
 * encoding and noise are the caller's ({@link DiffusionSatPipeline}), so the reference case can
 * inject its own.
 *
 * <p>Dimensions: B batch, C latent channels, h×w latent size, H×W image size, M tokens, D text
 * width.
 */
public final class LatentDiffusion {
    private final SatUNet unet;
    private final AutoencoderKL vae;
    private final Schedulers schedulers;

    /** The parts, already loaded. */
    public LatentDiffusion(SatUNet unet, AutoencoderKL vae, Schedulers schedulers) {
        this.unet = unet;
        this.vae = vae;
        this.schedulers = schedulers;
    }

    /** The checkpoint's scheduler of {@code kind}. */
    public NoiseScheduler scheduler(SchedulerKind kind) {
        return schedulers.get(kind);
    }

    /** The UNet's architecture. */
    public UNetConfig unetConfig() {
        return unet.config();
    }

    /** Image pixels per latent pixel: 2^(VAE levels − 1) (8 for SD 2.1). */
    public int vaeScaleFactor() {
        return 1 << (vae.config().blockOutChannels().size() - 1);
    }

    /**
     * Denoises x_T under classifier-free guidance: the batch [uncond; cond] pairs the negative
     * prompt with all-zero metadata and the prompt with the given metadata (pipeline.py:459).
     *
     * @param initialLatents (B, C, h, w) x_T
     * @return (B, C, h, w) float32 x_0, in the manager of {@code initialLatents}
     */
    public NDArray denoise(NDArray initialLatents, Conditioning condition, SchedulerKind kind,
            int steps, double guidanceScale, StepListener listener) {
        return denoise(initialLatents, condition, kind, steps, guidanceScale, listener, null);
    }

    /**
     * As {@link #denoise(NDArray, Conditioning, SchedulerKind, int, double, StepListener)}, with a ControlNet's
     * residuals added to every UNet call (sat_unet.py:578-600).
     *
     * @param control the residuals' source, its arrays laid out for the guided batch when
     *     {@code guidanceScale > 1}; or null for the plain UNet
     */
    public NDArray denoise(NDArray initialLatents, Conditioning condition, SchedulerKind kind,
            int steps, double guidanceScale, StepListener listener, UNetControl control) {
        GuidedDenoiser denoiser = new GuidedDenoiser(schedulers.get(kind), steps, guidanceScale);
        NDArray context = denoiser.guided()
                ? NDArrays.concat(new NDList(condition.negativePromptEmbeds(),
                        condition.promptEmbeds())) // (2B, M, D)
                : condition.promptEmbeds().duplicate();
        NDArray metadata = condition.metadata() == null ? null
                : denoiser.guided()
                        ? NDArrays.concat(new NDList(condition.metadata().zerosLike(),
                                condition.metadata())) // (2B, 7)
                        : condition.metadata().duplicate();
        NDList borrowed = metadata == null ? new NDList(context) : new NDList(context, metadata);
        NDList stepInputs = new NDList(borrowed);
        if (control != null) {
            stepInputs.addAll(control.arrays());
        }
        try {
            return denoiser.denoise(initialLatents, stepInputs, (latents, t) -> {
                UNetInputs in = new UNetInputs(latents, t, context, metadata);
                return unet.forward(in, control == null ? null : control.residuals(in),
                        ForwardProbe.NONE);
            }, listener);
        } finally {
            borrowed.close();
        }
    }

    /**
     * Decodes latents to images: clamp(vae.decode(z / scaling_factor) / 2 + 0.5, 0, 1).
     *
     * @param latents (B, C, h, w)
     * @return (B, H, W, 3) float32 in [0, 1], in the manager of {@code latents}
     */
    public NDArray decode(NDArray latents) {
        return Scope.run(() -> decodeRaw(latents).div(2).add(0.5).clip(0, 1)
                .transpose(0, 2, 3, 1)); // (B, 3, H, W) -> (B, H, W, 3)
    }

    /** (B, C, h, w) -> (B, 3, H, W) float32 vae.decode(z / scaling_factor), unclamped. */
    public NDArray decodeRaw(NDArray latents) {
        return Scope.run(() -> vae.decode(latents.div(vae.scalingFactor()))
                .toType(DataType.FLOAT32, false));
    }
}
