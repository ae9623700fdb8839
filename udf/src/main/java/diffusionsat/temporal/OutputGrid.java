package diffusionsat.temporal;

/**
 * The grid a generated image is written on. Both cover the grid frame's extent in its CRS.
 */
public enum OutputGrid {
    /**
     * The grid frame's own pixel grid: the output is resampled to the frames' size (pixel
     * averages when the model's image is larger, cubic when smaller), so it stacks pixel for
     * pixel with the real frames of the sequence, and evaluation compares on that grid.
     */
    SEQUENCE,
    /**
     * The model's output size over the same extent: the geotransform's pixel size is scaled by
     * frame size ÷ output size on each axis; no resampling of the generated pixels.
     */
    MODEL
}
