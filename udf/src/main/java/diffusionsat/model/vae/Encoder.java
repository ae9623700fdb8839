package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Scope;

/**
 * diffusers VAE {@code Encoder} (vae.py): conv_in → down blocks → mid block → GroupNorm → act →
 * conv_out to 2·latent channels (mean and log-variance, "double_z").
 */
public final class Encoder extends DiffusersBlock {
    private final VaeConfig config;
    private final Conv2d convIn;
    private final BlockList<DownEncoderBlock2D> downBlocks;
    private final UNetMidBlock2D midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    /** The encoder of {@code config}. */
    public Encoder(VaeConfig config) {
        this.config = config;
        var channels = config.blockOutChannels();
        int last = channels.get(channels.size() - 1);
        convIn = child("conv_in", new Conv2d(config.inChannels(), channels.get(0), 3));
        downBlocks = childList("down_blocks", channels.size(), i -> new DownEncoderBlock2D(
                channels.get(Math.max(i - 1, 0)), channels.get(i), config.layersPerBlock(),
                config.normNumGroups(), config.actFn(), i < channels.size() - 1));
        midBlock = child("mid_block",
                new UNetMidBlock2D(last, config.normNumGroups(), config.actFn()));
        convNormOut = child("conv_norm_out", new GroupNorm(config.normNumGroups(), last, Vae.EPS));
        convOut = child("conv_out", new Conv2d(last, 2 * config.latentChannels(), 3));
    }

    /** (B, in, H, W) -> (B, 2·latent, H/f, W/f), f = 2^(levels − 1). */
    public NDArray forward(NDArray image) {
        return Scope.run(() -> {
            NDArray h = convIn.forward(image);
            for (DownEncoderBlock2D block : downBlocks) {
                h = block.forward(h);
            }
            h = midBlock.forward(h);
            return convOut.forward(config.actFn().apply(convNormOut.forward(h)));
        });
    }
}
