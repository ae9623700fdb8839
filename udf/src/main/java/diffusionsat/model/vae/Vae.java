package diffusionsat.model.vae;

/** Constants the diffusers 0.17 VAE hard-codes (vae.py). */
final class Vae {
    /** GroupNorm eps of every VAE resnet, attention and output norm. */
    static final float EPS = 1e-6f;

    private Vae() {}
}
