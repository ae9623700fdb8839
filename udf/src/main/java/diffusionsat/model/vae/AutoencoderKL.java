package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code AutoencoderKL} (autoencoder_kl.py, vendored 0.17; DIFFUSIONSAT.md §4.2):
 * encode = quant_conv(encoder(x)) split into mean / log-variance; decode =
 * decoder(post_quant_conv(z)). Latents for the UNet are samples × {@link #scalingFactor()}; decode
 * takes unscaled latents (divide by the factor first).
 */
public final class AutoencoderKL extends DiffusersBlock {
    private final VaeConfig config;
    private final Encoder encoder;
    private final Decoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    /** The block tree of {@code config}. */
    public AutoencoderKL(VaeConfig config) {
        this.config = config;
        int latent = config.latentChannels();
        encoder = child("encoder", new Encoder(config));
        decoder = child("decoder", new Decoder(config));
        quantConv = child("quant_conv", new Conv2d(2 * latent, 2 * latent, 1));
        postQuantConv = child("post_quant_conv", new Conv2d(latent, latent, 1));
    }

    /** The architecture this tree was built from. */
    public VaeConfig config() {
        return config;
    }

    /** The latent scaling factor (0.18215 for SD 2.1). */
    public float scalingFactor() {
        return config.scalingFactor();
    }

    /**
     * @param image (B, in, H, W) in [−1, 1]
     * @param probe receives {@code encoder} (the encoder output) and {@code quant_conv} (moments)
     * @return the latent distribution, arrays in the image's manager
     */
    public LatentDistribution encode(NDArray image, ForwardProbe probe) {
        NDList parts = Scope.runAll(() -> {
            NDArray encoded = encoder.forward(image.toType(dataType(), false));
            probe.record("encoder", encoded);
            NDArray moments = quantConv.forward(encoded);
            probe.record("quant_conv", moments);
            NDList halves = moments.split(2, 1);
            NDArray logvar = halves.get(1).clip(-30, 20);
            return new NDList(halves.get(0), logvar, logvar.mul(0.5).exp());
        });
        return new LatentDistribution(parts.get(0), parts.get(1), parts.get(2));
    }

    /** (B, latent, h, w) unscaled latents -> (B, out, H, W) image, roughly in [−1, 1]. */
    public NDArray decode(NDArray latents) {
        return Scope.run(() ->
                decoder.forward(postQuantConv.forward(latents.toType(dataType(), false))));
    }
}
