package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;

/**
 * PyTorch {@code nn.Conv3d} with a bias: {@code weight} [out, in, kT, kH, kW], {@code bias} [out];
 * stride and zero padding per axis (T, H, W). Runs on DJL's static {@code Conv3d.conv3d}.
 */
public final class Conv3d extends DiffusersBlock {
    private final Parameter weight;
    private final Parameter bias;
    private final Shape stride;
    private final Shape padding;

    /** A k×k×k convolution with stride 1 and "same" padding (k − 1) / 2 on every axis. */
    public Conv3d(int inChannels, int outChannels, int kernel) {
        this(inChannels, outChannels, new Shape(kernel, kernel, kernel), new Shape(1, 1, 1),
                new Shape((kernel - 1) / 2, (kernel - 1) / 2, (kernel - 1) / 2));
    }

    /**
     * @param kernel (kT, kH, kW)
     * @param stride (sT, sH, sW)
     * @param padding (pT, pH, pW), zeros on both sides of each axis
     */
    public Conv3d(int inChannels, int outChannels, Shape kernel, Shape stride, Shape padding) {
        if (kernel.dimension() != 3 || stride.dimension() != 3 || padding.dimension() != 3) {
            throw new IllegalArgumentException("Conv3d needs 3-D kernel, stride and padding, got "
                    + kernel + ", " + stride + ", " + padding);
        }
        weight = parameter("weight",
                outChannels, inChannels, kernel.get(0), kernel.get(1), kernel.get(2));
        bias = parameter("bias", outChannels);
        this.stride = stride;
        this.padding = padding;
    }

    /** (B, in, T, H, W) -> (B, out, T', H', W'). */
    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv3d.conv3d(x, weight.array(), bias.array(), stride,
                        padding, new Shape(1, 1, 1), 1)
                .singletonOrThrow();
    }
}
