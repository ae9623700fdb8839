package diffusionsat.model.lpips;

import diffusionsat.io.checkpoint.StateDict;
import java.util.Arrays;

/**
 * The output channels of AlexNet's five convolutions, which are also the input channels of the
 * five LPIPS heads.
 */
public record LpipsWidths(int[] values) {
    /** The Sequential indices of the five convolutions in torchvision's {@code features}. */
    static final int[] CONV_INDICES = {0, 3, 6, 8, 10};

    public LpipsWidths {
        if (values.length != CONV_INDICES.length) {
            throw new IllegalArgumentException("AlexNet has 5 convolutions, not " + values.length);
        }
        values = values.clone();
    }

    /** torchvision's AlexNet: 64, 192, 384, 256, 256. */
    public static LpipsWidths alexNet() {
        return new LpipsWidths(new int[] {64, 192, 384, 256, 256});
    }

    /**
     * The widths the weights were trained with, read from the first dimension of each
     * {@code features.N.weight}; the strict load then checks every other shape.
     */
    public static LpipsWidths of(StateDict weights) {
        int[] values = new int[CONV_INDICES.length];
        for (int k = 0; k < values.length; k++) {
            String name = "features." + CONV_INDICES[k] + ".weight";
            if (!weights.contains(name)) {
                // Let the strict load name every missing key.
                return alexNet();
            }
            values[k] = Math.toIntExact(weights.get(name).shape()[0]);
        }
        return new LpipsWidths(values);
    }

    /** The output channels of convolution {@code k} (0..4). */
    public int channels(int k) {
        return values[k];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LpipsWidths w && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LpipsWidths" + Arrays.toString(values);
    }
}
