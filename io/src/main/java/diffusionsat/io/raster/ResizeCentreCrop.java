package diffusionsat.io.raster;

/**
 * Upstream's image geometry for model inputs (torchvision {@code Resize(n)} then {@code
 * CenterCrop(n)}, as {@code train_controlnet.py}'s {@code low_res_transforms} and the training
 * transforms use them; MANIFEST.md fact 14, DIFFUSIONSAT.md §5.1-5.2): the image is resized,
 * bilinear with antialiasing, so that its shorter edge fits the crop and the longer one keeps the
 * aspect ratio ({@code int()} truncation), then the centre is cropped, the offset rounded half to
 * even as Python's {@code round}. Nothing is stretched; a non-square image loses the ends of its
 * longer side.
 *
 * <p>A crop of another aspect than square (non-square latents) generalises the rule: the edge
 * that limits the scale is resized to its crop side, the other keeps the aspect ratio; for a
 * square crop this is exactly torchvision's shorter-edge rule.
 *
 * @param width the crop's width in pixels
 * @param height the crop's height in pixels
 */
public record ResizeCentreCrop(int width, int height) {

    /** Requires a positive crop. */
    public ResizeCentreCrop {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("crop " + width + "x" + height
                    + " must be at least 1x1");
        }
    }

    /** A square crop, torchvision's {@code Resize(side)} + {@code CenterCrop(side)}. */
    public static ResizeCentreCrop square(int side) {
        return new ResizeCentreCrop(side, side);
    }

    /** The whole transform: {@link #crop} of {@link #resize}. */
    public float[][] apply(float[][] planes, int sourceWidth, int sourceHeight) {
        int[] size = resizedSize(sourceWidth, sourceHeight);
        return crop(resize(planes, sourceWidth, sourceHeight), size[0], size[1]);
    }

    /**
     * The size after the resize, {width, height}: for a square crop of side n, the shorter edge
     * n and the longer {@code int(n · long / short)}.
     */
    public int[] resizedSize(int sourceWidth, int sourceHeight) {
        if (sourceWidth < 1 || sourceHeight < 1) {
            throw new IllegalArgumentException("image " + sourceWidth + "x" + sourceHeight
                    + " is empty");
        }
        // The height limits the scale when height/sourceHeight >= width/sourceWidth.
        if ((long) height * sourceWidth >= (long) width * sourceHeight) {
            return new int[] {(int) ((double) height * sourceWidth / sourceHeight), height};
        }
        return new int[] {width, (int) ((double) width * sourceHeight / sourceWidth)};
    }

    /** The resize stage alone, to {@link #resizedSize}. */
    public float[][] resize(float[][] planes, int sourceWidth, int sourceHeight) {
        int[] size = resizedSize(sourceWidth, sourceHeight);
        return AntialiasedBilinear.resize(planes, sourceWidth, sourceHeight, size[0], size[1]);
    }

    /**
     * The crop's top-left corner {x, y} in an image of the given size: {@code int(round((size −
     * crop) / 2))} per axis, half to even.
     */
    public int[] offset(int imageWidth, int imageHeight) {
        if (imageWidth < width || imageHeight < height) {
            throw new IllegalArgumentException("image " + imageWidth + "x" + imageHeight
                    + " is smaller than the crop " + width + "x" + height);
        }
        return new int[] {(int) Math.rint((imageWidth - width) / 2.0),
            (int) Math.rint((imageHeight - height) / 2.0)};
    }

    /**
     * The source pixels the crop shows, {x0, y0, width, height}, rounded to whole pixels: the
     * whole image for a source of the crop's aspect, else its centre. An image made from the crop
     * (a ControlNet's output) covers this window of the source's grid.
     */
    public int[] sourceWindow(int sourceWidth, int sourceHeight) {
        int[] size = resizedSize(sourceWidth, sourceHeight);
        int[] offset = offset(size[0], size[1]);
        double fx = (double) sourceWidth / size[0];
        double fy = (double) sourceHeight / size[1];
        int x0 = (int) Math.round(offset[0] * fx);
        int y0 = (int) Math.round(offset[1] * fy);
        return new int[] {x0, y0, Math.min(sourceWidth - x0, (int) Math.round(width * fx)),
            Math.min(sourceHeight - y0, (int) Math.round(height * fy))};
    }

    /** The centre crop stage alone, of planes of imageWidth×imageHeight. */
    public float[][] crop(float[][] planes, int imageWidth, int imageHeight) {
        int[] offset = offset(imageWidth, imageHeight);
        float[][] out = new float[planes.length][width * height];
        for (int c = 0; c < planes.length; c++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(planes[c], (offset[1] + y) * imageWidth + offset[0], out[c],
                        y * width, width);
            }
        }
        return out;
    }
}
