package diffusionsat.temporal;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.spark.TileRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads frames as RGB in [0,1] (Sentinel-2 B04, B03, B02 normalised as the ControlNet's first
 * channels, or 8-bit R, G, B ÷ 255: {@link Sentinel2Preprocessing#rgb}), keeping the most recent
 * ones: the requests of one sequence share a partition and mostly the same frames.
 */
final class FrameImages {
    private final Storage storage;
    private final String catalogUri;
    private final Radiometry radiometry;
    private final double maxNoDataFraction;
    private final Map<String, FrameImage> recent;

    /** @param radiometry {@code io.radiometry}: for frames whose catalogue row states none */
    FrameImages(Storage storage, String catalogUri, Radiometry radiometry,
            double maxNoDataFraction, int keep) {
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.radiometry = radiometry;
        this.maxNoDataFraction = maxNoDataFraction;
        this.recent = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, FrameImage> eldest) {
                return size() > keep;
            }
        };
    }

    /**
     * The frame's image, its values read with the frame's own radiometry (the catalogue's
     * column, else {@code io.radiometry}); a {@link TileException} (naming the frame and the
     * file) when it cannot be read, has other bands than the catalogue says, too little valid
     * data, values implausible for its radiometry ({@link RadiometryCheck}) or a geotransform that
     * breaks {@link GeoreferenceRules#requireUsableOrAbsent}.
     */
    FrameImage read(TileRef frame) {
        FrameImage cached = recent.get(frame.id());
        if (cached != null) {
            return cached;
        }
        if (frame.href() == null || frame.href().isBlank()) {
            throw new TileException(frame.id(), "no raster href in the catalogue");
        }
        String uri = storage.resolve(catalogUri, frame.href());
        Raster raster = GdalRasters.read(frame.id(), uri, storage);
        if (!frame.bands().isEmpty() && frame.bands().size() != raster.bandCount()) {
            throw new TileException(frame.id(), uri + " has " + raster.bandCount()
                    + " bands where the catalogue lists " + frame.bands().size());
        }
        GeoreferenceRules.requireUsableOrAbsent(frame.id(), uri, raster.transform());
        raster.requireCoverage(frame.id(), maxNoDataFraction);
        Radiometry stored = frame.radiometryOr(radiometry);
        RadiometryCheck.require(frame.id(), raster, stored, frame.radiometrySetting());
        FrameImage image = new FrameImage(frame.id(), PixelGrid.of(raster),
                new Sentinel2Preprocessing(stored).rgb(frame.id(), raster));
        recent.put(frame.id(), image);
        return image;
    }
}
