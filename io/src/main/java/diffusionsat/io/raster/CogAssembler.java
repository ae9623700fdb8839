package diffusionsat.io.raster;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.GdalPath;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.ProgressCallback;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles a scene's parts (tiled GeoTIFFs on one grid, local or remote, each with the scene's
 * {@link OverviewLevels} built in its own task) into one Cloud-Optimized GeoTIFF: a VRT
 * mosaics the parts, one VRT per overview level mosaics the parts' overviews, and GDAL's COG
 * driver streams the mosaic and copies those overviews (DEFLATE level 1 with a predictor,
 * 256-pixel blocks, BigTIFF when needed) — one pass over the full resolution, no resampling of
 * the whole scene in this one task. The COG is written locally and published under its final
 * name only when complete ({@link Storage#publish}).
 */
public final class CogAssembler {
    private static final Logger log = LoggerFactory.getLogger(CogAssembler.class);
    /** Progress lines of a long assembly: one per this share of the COG written. */
    private static final double PROGRESS_STEP = 0.1;
    private static final String[] COG_OPTIONS = {
        "COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=YES",
        "BLOCKSIZE=" + OverviewLevels.BLOCK_SIZE, "OVERVIEWS=FORCE_USE_EXISTING",
        "BIGTIFF=IF_SAFER", "NUM_THREADS=2"
    };

    private CogAssembler() {}

    /** One part: a file and where it lies in the mosaic's pixel grid. */
    public record Part(String uri, RasterWindow window) {}

    /**
     * Publishes the mosaic of {@code parts} ({@code width × height} px, georeferenced as the
     * part at the grid's origin) to {@code uri}, with these band descriptions and dataset tags.
     * Each part has the {@link OverviewLevels#count} levels of the whole mosaic.
     */
    public static void assemble(List<Part> parts, int width, int height, List<String> bandNames,
            Map<String, String> tags, String uri, Storage storage) {
        Gdal.ensureRegistered();
        List<GdalPath> paths = new ArrayList<>();
        Path local = TemporaryFiles.create("diffusionsat-cog-", ".tif", uri);
        List<Path> vrtFiles = new ArrayList<>();
        try {
            List<String> sources = new ArrayList<>();
            for (Part part : parts) {
                GdalPath path = GdalPath.of(part.uri(), storage);
                paths.add(path);
                sources.add(path.path());
            }
            int levels = OverviewLevels.count(width, height);
            List<String> overviews = new ArrayList<>();
            for (int level = 1; level <= levels; level++) {
                Path levelFile = TemporaryFiles.create("diffusionsat-mosaic-", ".vrt", uri);
                vrtFiles.add(levelFile);
                Files.writeString(levelFile, vrt(parts, sources, width, height, bandNames.size(),
                        level, List.of(), uri));
                overviews.add(levelFile.toString());
            }
            Path vrtFile = TemporaryFiles.create("diffusionsat-mosaic-", ".vrt", uri);
            vrtFiles.add(vrtFile);
            Files.writeString(vrtFile, vrt(parts, sources, width, height, bandNames.size(), 0,
                    overviews, uri));
            log.info("{}: assembling {} part(s) into a {} x {} COG with {} overview level(s)",
                    uri, parts.size(), width, height, levels);
            writeCog(vrtFile, local, bandNames, tags, uri);
            log.info("{}: COG written, publishing", uri);
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot write the mosaic's VRT: " + e.getMessage(),
                    e);
        } finally {
            paths.forEach(GdalPath::close);
            TemporaryFiles.deleteQuietly(local);
            vrtFiles.forEach(TemporaryFiles::deleteQuietly);
        }
    }

    /**
     * The VRT of the parts at overview {@code level} (0: full resolution, whose bands then list
     * the level VRTs {@code overviews}), written by hand rather than by gdalbuildvrt, which
     * refuses grids that are not north-up (a PNG without georeference has a positive row step):
     * each part's place is known, so it needs no transform arithmetic. At a level a part's
     * overview is placed from its scaled-down corners, so the parts tile the level without gaps.
     */
    private static String vrt(List<Part> parts, List<String> sources, int width, int height,
            int bands, int level, List<String> overviews, String uri) {
        Dataset first = gdal.Open(sources.get(0));
        if (first == null) {
            throw new StorageException(uri, "GDAL cannot open the part " + parts.get(0).uri()
                    + ": " + Gdal.lastError("Open failed"), null);
        }
        try {
            double[] gt = first.GetGeoTransform();
            String type = gdal.GetDataTypeName(first.GetRasterBand(1).getDataType());
            Double[] noData = new Double[1];
            first.GetRasterBand(1).GetNoDataValue(noData);
            StringBuilder xml = new StringBuilder();
            xml.append(String.format(Locale.ROOT, "<VRTDataset rasterXSize=\"%d\" "
                    + "rasterYSize=\"%d\">%n", OverviewLevels.size(width, level),
                    OverviewLevels.size(height, level)));
            String wkt = first.GetProjectionRef();
            if (level == 0 && wkt != null && !wkt.isEmpty()) {
                xml.append("  <SRS>").append(escape(wkt)).append("</SRS>\n");
            }
            // A part without a geotransform (GDAL's default) gives a mosaic without one.
            if (level == 0 && !GeoreferenceRules.isMissing(GeoTransform.fromGdal(gt))) {
                xml.append(String.format(Locale.ROOT, "  <GeoTransform>%.17g, %.17g, %.17g,"
                        + " %.17g, %.17g, %.17g</GeoTransform>%n", gt[0], gt[1], gt[2], gt[3],
                        gt[4], gt[5]));
            }
            for (int b = 1; b <= bands; b++) {
                xml.append(String.format(Locale.ROOT, "  <VRTRasterBand dataType=\"%s\" "
                        + "band=\"%d\">%n", type, b));
                if (noData[0] != null) {
                    xml.append("    <NoDataValue>").append(noData[0].isNaN() ? "nan"
                            : String.format(Locale.ROOT, "%.17g", noData[0]))
                            .append("</NoDataValue>\n");
                }
                for (int i = 0; i < parts.size(); i++) {
                    xml.append(source(sources.get(i), b, parts.get(i).window(), level, width,
                            height));
                }
                for (String overview : overviews) {
                    xml.append(String.format(Locale.ROOT, "    <Overview><SourceFilename "
                            + "relativeToVRT=\"0\">%s</SourceFilename><SourceBand>%d"
                            + "</SourceBand></Overview>%n", escape(overview), b));
                }
                xml.append("  </VRTRasterBand>\n");
            }
            return xml.append("</VRTDataset>\n").toString();
        } finally {
            first.delete();
        }
    }

    /** One part's band as a VRT source at {@code level} (its own overview level - 1). */
    private static String source(String file, int band, RasterWindow window, int level,
            int width, int height) {
        String open = level == 0 ? "" : "<OpenOptions><OOI key=\"OVERVIEW_LEVEL\">"
                + (level - 1) + "</OOI></OpenOptions>";
        int x0 = window.x() >> level;
        int y0 = window.y() >> level;
        int x1 = window.endX() == width ? OverviewLevels.size(width, level)
                : window.endX() >> level;
        int y1 = window.endY() == height ? OverviewLevels.size(height, level)
                : window.endY() >> level;
        return String.format(Locale.ROOT, "    <SimpleSource><SourceFilename relativeToVRT=\"0\""
                + ">%s</SourceFilename>%s<SourceBand>%d</SourceBand><SrcRect xOff=\"0\" "
                + "yOff=\"0\" xSize=\"%d\" ySize=\"%d\"/><DstRect xOff=\"%d\" yOff=\"%d\" "
                + "xSize=\"%d\" ySize=\"%d\"/></SimpleSource>%n", escape(file), open, band,
                OverviewLevels.size(window.width(), level),
                OverviewLevels.size(window.height(), level), x0, y0, x1 - x0, y1 - y0);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static void writeCog(Path vrtFile, Path local, List<String> bandNames,
            Map<String, String> tags, String uri) {
        Dataset vrt = null;
        try {
            vrt = gdal.Open(vrtFile.toString(), gdalconstConstants.GA_Update);
            if (vrt == null) {
                throw new StorageException(uri, "GDAL cannot mosaic the parts: "
                        + Gdal.lastError("Open failed"), null);
            }
            for (int b = 0; b < bandNames.size(); b++) {
                vrt.GetRasterBand(b + 1).SetDescription(bandNames.get(b));
            }
            tags.forEach(vrt::SetMetadataItem);
            copyAsCog(vrt, local, COG_OPTIONS, uri, new LoggedProgress(uri));
        } finally {
            if (vrt != null) {
                vrt.delete();
            }
        }
    }

    /**
     * Copies {@code source} into a COG at {@code local} with GDAL's COG driver; any failure is a
     * {@link StorageException} naming {@code uri} (where the COG is going) and GDAL's message.
     *
     * @param progress told how far the copy is; null: nobody
     */
    static void copyAsCog(Dataset source, Path local, String[] options, String uri,
            ProgressCallback progress) {
        Dataset cog;
        try {
            cog = progress == null
                    ? gdal.GetDriverByName("COG").CreateCopy(local.toString(), source, options)
                    : gdal.GetDriverByName("COG").CreateCopy(local.toString(), source, 0,
                            new Vector<>(List.of(options)), progress);
        } catch (RuntimeException e) {
            throw new StorageException(uri, "GDAL cannot write a COG: "
                    + Gdal.messageOf(e, "CreateCopy failed"), e);
        }
        if (cog == null) {
            throw new StorageException(uri, "GDAL cannot write a COG: "
                    + Gdal.lastError("CreateCopy failed"), null);
        }
        cog.delete(); // closing flushes the file
    }

    /**
     * Logs GDAL's progress of a COG copy every {@link #PROGRESS_STEP} (the COG driver counts the
     * overview levels first, then the full resolution), so that a long assembly shows life.
     */
    private static final class LoggedProgress extends ProgressCallback {
        private final String uri;
        private final long start = System.nanoTime();
        private double next = PROGRESS_STEP;

        LoggedProgress(String uri) {
            this.uri = uri;
        }

        @Override
        public int run(double complete, String message) {
            if (complete >= next && complete < 1) {
                log.info("{}: COG {}% written ({} s)", uri, Math.round(100 * complete),
                        (System.nanoTime() - start) / 1_000_000_000L);
                next = (Math.floor(complete / PROGRESS_STEP) + 1) * PROGRESS_STEP;
            }
            return 1; // go on
        }
    }
}
