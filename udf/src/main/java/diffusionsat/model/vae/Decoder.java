package diffusionsat.model.vae;

import ai.djl.ndarray.NDArray;
import diffusionsat.model.BlockList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.VaeConfig;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.GroupNorm;
import diffusionsat.model.ops.Scope;
import java.util.List;

/**
 * diffusers VAE {@code Decoder} (vae.py): conv_in → mid block → up blocks (layers_per_block + 1
 * resnets each, deepest first) → GroupNorm → act → conv_out.
 */
public final class Decoder extends DiffusersBlock {
    private final VaeConfig config;
    private final Conv2d convIn;
    private final UNetMidBlock2D midBlock;
    private final BlockList<UpDecoderBlock2D> upBlocks;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    /** The decoder of {@code config}. */
    public Decoder(VaeConfig config) {
        this.config = config;
        List<Integer> channels = config.blockOutChannels();
        int levels = channels.size();
        int last = channels.get(levels - 1);
        convIn = child("conv_in", new Conv2d(config.latentChannels(), last, 3));
        midBlock = child("mid_block",
                new UNetMidBlock2D(last, config.normNumGroups(), config.actFn()));
        // Up block i goes from reversed channels[i - 1] (the level below) to reversed channels[i].
        upBlocks = childList("up_blocks", levels, i -> new UpDecoderBlock2D(
                channels.get(levels - 1 - Math.max(i - 1, 0)), channels.get(levels - 1 - i),
                config.layersPerBlock() + 1, config.normNumGroups(), config.actFn(),
                i < levels - 1));
        convNormOut = child("conv_norm_out",
                new GroupNorm(config.normNumGroups(), channels.get(0), Vae.EPS));
        convOut = child("conv_out", new Conv2d(channels.get(0), config.outChannels(), 3));
    }

    /** (B, latent, h, w) -> (B, out, h·f, w·f). */
    public NDArray forward(NDArray latents) {
        return Scope.run(() -> {
            NDArray h = midBlock.forward(convIn.forward(latents));
            for (UpDecoderBlock2D block : upBlocks) {
                h = block.forward(h);
            }
            return convOut.forward(config.actFn().apply(convNormOut.forward(h)));
        });
    }
}
