package diffusionsat.superres;

import diffusionsat.io.raster.Resampling;

/**
 * The baseline every report sets beside the model: bicubic (cubic convolution) upsampling of the
 * RGB channels by GDAL.
 */
public final class BicubicSuperResolver implements SuperResolver {

    @Override
    public String name() {
        return "bicubic";
    }

    @Override
    public InputChannels inputChannels() {
        return InputChannels.RGB;
    }

    @Override
    public float[][] superResolve(SuperResolutionInput input, int scale) {
        float[][] rgb = Resampling.resize(input.channels(), input.width(), input.height(),
                input.width() * scale, input.height() * scale, Resampling.Method.CUBIC);
        for (float[] plane : rgb) {
            clampUnit(plane); // cubic convolution overshoots at edges; outputs are images in [0,1]
        }
        return rgb;
    }

    private static void clampUnit(float[] plane) {
        for (int i = 0; i < plane.length; i++) {
            plane[i] = Math.min(1f, Math.max(0f, plane[i]));
        }
    }
}
