package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Channel bookkeeping shared by the up blocks (unet_2d_blocks.py, UpBlock2D.__init__). */
final class UpChannels {
    private UpChannels() {}

    /**
     * Input channels of up resnet {@code i}: the running hidden (from the level below for the
     * first, else this level's output) plus the skip it consumes (the level above's channels for
     * the last resnet, which takes the previous level's downsampler or conv_in output).
     */
    static int resnetIn(BlockSettings s, int i) {
        int skip = i == s.layers() - 1 ? s.inChannels() : s.outChannels();
        int running = i == 0 ? s.prevOutputChannels() : s.outChannels();
        return running + skip;
    }

    static void requireSkips(List<NDArray> skips, int resnets) {
        if (skips.size() != resnets) {
            throw new IllegalArgumentException(
                    "an up block with " + resnets + " resnets needs as many skips, got "
                            + skips.size());
        }
    }
}
