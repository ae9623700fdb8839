package diffusionsat.temporal;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.spark.TileRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads frames as RGB in [0,1] (Sentinel-2 B04, B03, B02 normalised as the ControlNet's first
 * channels, or 8-bit R, G, B ÷ 255: {@link Sentinel2Preprocessing#rgb}) straight at the
 * conditioning images' resolution ({@link ConditioningRead}), keeping the most recent ones: the
 * requests of one sequence share a partition and mostly the same frames. Only a held-out frame
 * that is scored is read at its own resolution, and only its scored window ({@link #truth}).
 */
final class FrameImages {
    private final Storage storage;
    private final String catalogUri;
    private final Radiometry radiometry;
    private final double maxNoDataFraction;
    private final int side;
    private final Map<String, FrameImage> recent;

    /**
     * @param radiometry {@code io.radiometry}: for frames whose catalogue row states none
     * @param side the conditioning images' side in pixels
     */
    FrameImages(Storage storage, String catalogUri, Radiometry radiometry,
            double maxNoDataFraction, int side, int keep) {
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.radiometry = radiometry;
        this.maxNoDataFraction = maxNoDataFraction;
        this.side = side;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FrameImage> eldest) {
                return size() > keep;
            }
        };
    }

    /**
     * The frame's grid and conditioning image, its values read with the frame's own
     * radiometry (the catalogue's column, else {@code io.radiometry}); a {@link TileException}
     * (naming the frame and the file) when it cannot be read, has other bands than the catalogue
     * says, too little valid data, values implausible for its radiometry ({@link
     * RadiometryCheck}) or a geotransform that breaks {@link
     * GeoreferenceRules#requireUsableOrAbsent}. Coverage and radiometry are judged on the
     * pixels read, at the conditioning resolution.
     */
    FrameImage read(TileRef frame) {
        FrameImage cached = recent.get(frame.id());
        if (cached != null) {
            return cached;
        }
        String uri = uriOf(frame);
        ConditioningRead read = ConditioningRead.of(frame.id(), uri, storage, side);
        Raster raster = read.resized();
        if (!frame.bands().isEmpty() && frame.bands().size() != raster.bandCount()) {
            throw new TileException(frame.id(), uri + " has " + raster.bandCount()
                    + " bands where the catalogue lists " + frame.bands().size());
        }
        GeoreferenceRules.requireUsableOrAbsent(frame.id(), uri, read.grid().transform());
        raster.requireCoverage(frame.id(), maxNoDataFraction);
        Radiometry stored = frame.radiometryOr(radiometry);
        RadiometryCheck.require(frame.id(), raster, stored, frame.radiometrySetting());
        FrameImage image = new FrameImage(frame.id(), read.grid(), read.conditioning(
                new Sentinel2Preprocessing(stored).rgb(frame.id(), raster), side));
        recent.put(frame.id(), image);
        return image;
    }

    /**
     * RGB in [0, 1] of {@code window} ({x0, y0, width, height}) of a frame read by {@link
     * #read}, at the frame's own resolution: the pixels a held-out frame is scored on.
     */
    float[][] truth(TileRef frame, int[] window) {
        String uri = uriOf(frame);
        try (RasterReader reader = RasterReader.open(frame.id(), uri, storage)) {
            Raster raster = reader.read(new RasterWindow(window[0], window[1], window[2],
                    window[3]), reader.header().bandNames());
            return new Sentinel2Preprocessing(frame.radiometryOr(radiometry)).rgb(frame.id(),
                    raster);
        }
    }

    private String uriOf(TileRef frame) {
        if (frame.href() == null || frame.href().isBlank()) {
            throw new TileException(frame.id(), "no raster href in the catalogue");
        }
        return storage.resolve(catalogUri, frame.href());
    }
}
