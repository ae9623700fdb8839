package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/**
 * PyTorch {@code nn.Conv2d} with a square kernel, equal stride and padding on both axes:
 * {@code weight} [out, in, k, k] and, unless built without, {@code bias} [out].
 */
public final class Conv2d extends DiffusersBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;

    /** A convolution with stride 1 and "same" padding (k - 1) / 2. */
    public Conv2d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, kernel, 1, (kernel - 1) / 2);
    }

    /** A convolution with a bias, the given stride and zero padding. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding) {
        this(inChannels, outChannels, kernel, stride, padding, true);
    }

    /** A convolution with the given stride and zero padding, with or without a bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding,
            boolean withBias) {
        weight = parameter("weight", outChannels, inChannels, kernel, kernel);
        bias = withBias ? parameter("bias", outChannels) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    /** (B, in, H, W) -> (B, out, H', W'). */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, weight.array(), bias == null ? null : bias.array(), stride, padding,
                        new Shape(1, 1), 1)
                .singletonOrThrow();
    }
}
