package diffusionsat.model.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/**
 * An LPIPS head ({@code NetLinLayer}): a bias-free 1x1 convolution C -> 1, {@code weight}
 * [1, C, 1, 1]. The lpips package keeps a Dropout beside it, hence the name {@code model.1}.
 */
final class LinearHead extends DiffusersBlock {
    private static final Shape ONE = new Shape(1, 1);

    private final Parameter weight;

    LinearHead(int channels) {
        weight = parameter("weight", 1, channels, 1, 1);
    }

    /** (B, C, H, W) -> (B, 1, H, W). */
    NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, weight.array(), null, ONE, new Shape(0, 0), ONE, 1)
                .singletonOrThrow();
    }
}
