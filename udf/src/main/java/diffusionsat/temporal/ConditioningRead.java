package diffusionsat.temporal;

import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterHeader;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.ResizeCentreCrop;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.storage.Storage;

/**
 * A frame read straight at a conditioning image's resolution, so that no frame is ever held
 * whole: every band resized by GDAL's decimated read ({@link RasterReader#readResampled},
 * overview-aware) to the size of upstream's shorter-edge resize ({@link ResizeCentreCrop}), with
 * GDAL's bilinear kernel, which widens with the shrink factor as torch's antialiased bilinear
 * does ({@link diffusionsat.io.raster.AntialiasedBilinear}; equal to float rounding on the
 * stored values). Upstream normalises each pixel to 8 bits first and resizes after; here the
 * stored values are resized first, then normalised, which differs by less than one 8-bit level
 * (README "temporal").
 *
 * @param grid the frame's own pixel grid (its header's)
 * @param resized every band of the frame, {@link #resizedSize} pixels over the same extent
 */
public record ConditioningRead(PixelGrid grid, Raster resized) {

    /** Reads the frame at {@code uri} for {@code side × side} conditioning images. */
    public static ConditioningRead of(String tileId, String uri, Storage storage, int side) {
        try (RasterReader reader = RasterReader.open(tileId, uri, storage)) {
            RasterHeader header = reader.header();
            int[] size = ResizeCentreCrop.square(side).resizedSize(header.width(),
                    header.height());
            Raster resized = reader.readResampled(header.extent(), header.bandNames(), size[0],
                    size[1], Resampling.Method.BILINEAR);
            return new ConditioningRead(new PixelGrid(header.width(), header.height(),
                    header.transform(), header.crsWkt()), resized);
        }
    }

    /**
     * The {@code side × side} conditioning image of planes computed from {@link #resized()}
     * (e.g. its RGB in [0, 1]): their centre crop, clamped to [0, 1].
     */
    public float[][] conditioning(float[][] resizedPlanes, int side) {
        return Planes.clamped(ResizeCentreCrop.square(side).crop(resizedPlanes, resized.width(),
                resized.height()));
    }
}
