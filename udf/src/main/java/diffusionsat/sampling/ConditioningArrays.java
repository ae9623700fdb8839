package diffusionsat.sampling;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays out a batch of {@link ConditionalRequest}s as the ControlNet's arrays, and the decoded
 * images as per-item planes. The 2D ControlNet takes (B, C, H, W) images with (B, 7) metadata;
 * the 3D one (B, C, T, H, W) volumes with (B, 7, T) metadata (controlnet_3d.py; DIFFUSIONSAT.md
 * §3.2), frames in the caller's time order.
 *
 * <p>Dimensions: B batch, C channels, T frames, H×W conditioning size, S output size.
 */
final class ConditioningArrays {
    private ConditioningArrays() {}

    /** (B·7) the targets' normalised metadata, row-major (B, 7). */
    static float[] targetMetadata(List<ConditionalRequest> requests) {
        float[] values = new float[requests.size() * SatelliteMetadata.SIZE];
        for (int i = 0; i < requests.size(); i++) {
            System.arraycopy(requests.get(i).targetMetadata(), 0, values,
                    i * SatelliteMetadata.SIZE, SatelliteMetadata.SIZE);
        }
        return values;
    }

    /** (B, C, H, W) for a 2D ControlNet, (B, C, T, H, W) for a 3D one. */
    static NDArray images(NDManager manager, List<ConditionalRequest> requests,
            ControlNetShape shape) {
        int frames = shape.frames();
        int channels = shape.channels();
        int plane = shape.conditioningSize() * shape.conditioningSize();
        float[] values = new float[requests.size() * channels * frames * plane];
        int offset = 0;
        for (ConditionalRequest request : requests) {
            for (int c = 0; c < channels; c++) {
                for (int t = 0; t < frames; t++) {  // (T, C, H·W) -> (C, T, H·W)
                    System.arraycopy(request.frames()[t][c], 0, values, offset, plane);
                    offset += plane;
                }
            }
        }
        long size = shape.conditioningSize();
        Shape arrayShape = shape.temporal()
                ? new Shape(requests.size(), channels, frames, size, size)
                : new Shape(requests.size(), channels, size, size);
        return manager.create(values, arrayShape);
    }

    /** (B, 7) for a 2D ControlNet (its one frame's), (B, 7, T) for a 3D one. */
    static NDArray frameMetadata(NDManager manager, List<ConditionalRequest> requests,
            ControlNetShape shape) {
        int frames = shape.frames();
        int fields = SatelliteMetadata.SIZE;
        float[] values = new float[requests.size() * fields * frames];
        int offset = 0;
        for (ConditionalRequest request : requests) {
            for (int f = 0; f < fields; f++) {
                for (int t = 0; t < frames; t++) {  // (T, 7) -> (7, T)
                    values[offset++] = request.frameMetadata()[t][f];
                }
            }
        }
        Shape arrayShape = shape.temporal()
                ? new Shape(requests.size(), fields, frames)
                : new Shape(requests.size(), fields);
        return manager.create(values, arrayShape);
    }

    /** (B, S, S, 3) decoded pixels -> per item R, G, B planes of S·S values. */
    static List<float[][]> rgbPlanes(float[] pixels, int count, int size) {
        int plane = size * size;
        List<float[][]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[][] rgb = new float[3][plane];
            int base = i * plane * 3;
            for (int p = 0; p < plane; p++) {
                for (int c = 0; c < 3; c++) {
                    rgb[c][p] = pixels[base + p * 3 + c];
                }
            }
            images.add(rgb);
        }
        return images;
    }
}
