package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;

/**
 * diffusers {@code DiagonalGaussianDistribution} (vae.py) of an encoded image: mean and clamped
 * log-variance, std = exp(logvar / 2). Sampling (mean + std·noise) takes noise drawn by the caller
 * from the tile's seed (STYLE.md §3.6).
 *
 * @param mean (B, latent, h, w)
 * @param logvar (B, latent, h, w), clamped to [−30, 20]
 * @param std (B, latent, h, w)
 */
public record LatentDistribution(NDArray mean, NDArray logvar, NDArray std) {

    /** mean + std · noise, unscaled (multiply by the scaling factor for the UNet). */
    public NDArray sample(NDArray noise) {
        return mean.add(std.mul(noise));
    }
}
