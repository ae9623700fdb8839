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
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Assembles a scene's parts (tiled GeoTIFFs on one grid, local or remote) into one
 * Cloud-Optimized GeoTIFF: a VRT mosaics them and GDAL's COG driver streams it block by block
 * (DEFLATE level 1 with a predictor, 256-pixel blocks, cubic overviews down to one block,
 * BigTIFF when needed). The COG is written locally and published under its final name only when
 * complete ({@link Storage#publish}).
 */
public final class CogAssembler {
    private static final String[] COG_OPTIONS = {
        "COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=YES", "BLOCKSIZE=256",
        "OVERVIEW_RESAMPLING=CUBIC", "BIGTIFF=IF_SAFER", "NUM_THREADS=2"
    };

    private CogAssembler() {}

    /** One part: a file and where it lies in the mosaic's pixel grid. */
    public record Part(String uri, RasterWindow window) {}

    /**
     * Publishes the mosaic of {@code parts} ({@code width × height} px, georeferenced as the
     * part at the grid's origin) to {@code uri}, with these band descriptions and dataset tags.
     */
    public static void assemble(List<Part> parts, int width, int height, List<String> bandNames,
            Map<String, String> tags, String uri, Storage storage) {
        Gdal.ensureRegistered();
        List<GdalPath> paths = new ArrayList<>();
        Path local = TemporaryFiles.create("diffusionsat-cog-", ".tif", uri);
        Path vrtFile = TemporaryFiles.create("diffusionsat-mosaic-", ".vrt", uri);
        try {
            List<String> sources = new ArrayList<>();
            for (Part part : parts) {
                GdalPath path = GdalPath.of(part.uri(), storage);
                paths.add(path);
                sources.add(path.path());
            }
            Files.writeString(vrtFile, vrt(parts, sources, width, height, bandNames.size(), uri));
            writeCog(vrtFile, local, bandNames, tags, uri);
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot write the mosaic " + vrtFile + ": "
                    + e.getMessage(), e);
        } finally {
            paths.forEach(GdalPath::close);
            TemporaryFiles.deleteQuietly(local);
            TemporaryFiles.deleteQuietly(vrtFile);
        }
    }

    /**
     * The VRT of the parts, written by hand rather than by gdalbuildvrt, which refuses grids
     * that are not north-up (a PNG without georeference has a positive row step): each part's
     * place is known, so it needs no transform arithmetic.
     */
    private static String vrt(List<Part> parts, List<String> sources, int width, int height,
            int bands, String uri) {
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
                    + "rasterYSize=\"%d\">%n", width, height));
            String wkt = first.GetProjectionRef();
            if (wkt != null && !wkt.isEmpty()) {
                xml.append("  <SRS>").append(escape(wkt)).append("</SRS>\n");
            }
            xml.append(String.format(Locale.ROOT, "  <GeoTransform>%.17g, %.17g, %.17g, %.17g,"
                    + " %.17g, %.17g</GeoTransform>%n", gt[0], gt[1], gt[2], gt[3], gt[4], gt[5]));
            for (int b = 1; b <= bands; b++) {
                xml.append(String.format(Locale.ROOT, "  <VRTRasterBand dataType=\"%s\" "
                        + "band=\"%d\">%n", type, b));
                if (noData[0] != null) {
                    xml.append("    <NoDataValue>").append(noData[0].isNaN() ? "nan"
                            : String.format(Locale.ROOT, "%.17g", noData[0]))
                            .append("</NoDataValue>\n");
                }
                for (int i = 0; i < parts.size(); i++) {
                    RasterWindow w = parts.get(i).window();
                    xml.append(String.format(Locale.ROOT, "    <SimpleSource><SourceFilename "
                            + "relativeToVRT=\"0\">%s</SourceFilename><SourceBand>%d"
                            + "</SourceBand><SrcRect xOff=\"0\" yOff=\"0\" xSize=\"%d\" "
                            + "ySize=\"%d\"/><DstRect xOff=\"%d\" yOff=\"%d\" xSize=\"%d\""
                            + " ySize=\"%d\"/></SimpleSource>%n", escape(sources.get(i)), b,
                            w.width(), w.height(), w.x(), w.y(), w.width(), w.height()));
                }
                xml.append("  </VRTRasterBand>\n");
            }
            return xml.append("</VRTDataset>\n").toString();
        } finally {
            first.delete();
        }
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
            copyAsCog(vrt, local, COG_OPTIONS, uri);
        } finally {
            if (vrt != null) {
                vrt.delete();
            }
        }
    }

    /**
     * Copies {@code source} into a COG at {@code local} with GDAL's COG driver; any failure is a
     * {@link StorageException} naming {@code uri} (where the COG is going) and GDAL's message.
     */
    static void copyAsCog(Dataset source, Path local, String[] options, String uri) {
        Dataset cog;
        try {
            cog = gdal.GetDriverByName("COG").CreateCopy(local.toString(), source, options);
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
}
