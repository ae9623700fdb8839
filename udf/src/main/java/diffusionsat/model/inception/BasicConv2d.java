package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;
import diffusionsat.model.ops.BatchNorm2d;

/**
 * torchvision's Inception {@code BasicConv2d}: a bias-free convolution ({@code conv.weight}
 * [out, in, kH, kW]), BatchNorm with eps 0.001 ({@code bn.*}), then ReLU.
 */
final class BasicConv2d extends DiffusersBlock {
    private static final float BN_EPS = 0.001f;
    private static final Shape NO_DILATION = new Shape(1, 1);

    private final KernelOnly conv;
    private final BatchNorm2d bn;
    private final Shape stride;
    private final Shape padding;

    private BasicConv2d(int in, int out, int kernelH, int kernelW, int stride, int padH,
            int padW) {
        conv = child("conv", new KernelOnly(in, out, kernelH, kernelW));
        bn = child("bn", new BatchNorm2d(out, BN_EPS));
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padH, padW);
    }

    /** A k x k convolution, stride 1, no padding. */
    static BasicConv2d square(int in, int out, int kernel) {
        return square(in, out, kernel, 1, 0);
    }

    /** A k x k convolution with the given stride and padding. */
    static BasicConv2d square(int in, int out, int kernel, int stride, int padding) {
        return new BasicConv2d(in, out, kernel, kernel, stride, padding, padding);
    }

    /** A kH x kW convolution (1x7, 3x1, ...) with stride 1 and size-keeping padding. */
    static BasicConv2d rectangular(int in, int out, int kernelH, int kernelW) {
        return new BasicConv2d(in, out, kernelH, kernelW, 1, (kernelH - 1) / 2, (kernelW - 1) / 2);
    }

    /** (B, in, H, W) -> (B, out, H', W'). */
    NDArray forward(NDArray x) {
        NDArray convolved = ai.djl.nn.convolutional.Conv2d.conv2d(
                        x, conv.weight.array(), null, stride, padding, NO_DILATION, 1)
                .singletonOrThrow();
        return Activation.relu(bn.forward(convolved));
    }

    /** The {@code nn.Conv2d(..., bias=False)} module: its weight only. */
    private static final class KernelOnly extends DiffusersBlock {
        private final Parameter weight;

        KernelOnly(int in, int out, int kernelH, int kernelW) {
            weight = parameter("weight", out, in, kernelH, kernelW);
        }
    }
}
