package diffusionsat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osrConstants;

/**
 * The generator of {@code conf/samples/stac/}: the bundled real Sentinel-2 tiles ({@code
 * conf/samples/sentinel2}, float L1C reflectance, 13 bands) as an L2A-like product in Earth
 * Search's layout: one COG per band at its native resolution (10, 20 or 60 m; the 10 m tile
 * cropped to 96 × 96 px so every grid nests, coarser bands the pixel averages of the 10 m
 * values), uint16 digital numbers with the offset of processing baseline 04.00 (DN =
 * round(reflectance × 10000) + 1000, nodata 0), no B10, and {@code items.json}, an
 * ItemCollection with Earth Search's asset keys, {@code eo:bands} and {@code raster:bands}
 * (scale 0.0001, offset -0.1). Run {@code StacSamplesTest} with {@code
 * -Dstac.samples.write=conf/samples/stac} to rewrite the committed copy.
 */
public final class StacSamples {
    /** The two clear dates of the bundled series. */
    public static final List<String> DATES = List.of("20150711", "20150830");
    /** Side of the 10 m grid: a multiple of 6, so 20 m and 60 m pixels nest in it. */
    public static final int SIZE = 96;

    // Earth Search asset key, band, native GSD (m), centre wavelength (um).
    private static final List<Object[]> BANDS = List.of(
            new Object[] {"coastal", "B01", 60, 0.443}, new Object[] {"blue", "B02", 10, 0.49},
            new Object[] {"green", "B03", 10, 0.56}, new Object[] {"red", "B04", 10, 0.665},
            new Object[] {"rededge1", "B05", 20, 0.704},
            new Object[] {"rededge2", "B06", 20, 0.74},
            new Object[] {"rededge3", "B07", 20, 0.783}, new Object[] {"nir", "B08", 10, 0.842},
            new Object[] {"nir08", "B8A", 20, 0.865}, new Object[] {"nir09", "B09", 60, 0.945},
            new Object[] {"swir16", "B11", 20, 1.61}, new Object[] {"swir22", "B12", 20, 2.19});
    private static final Map<String, String> COMMON = Map.of("coastal", "coastal", "blue",
            "blue", "green", "green", "red", "red", "rededge1", "rededge", "rededge2", "rededge",
            "rededge3", "rededge", "nir", "nir", "nir08", "nir08", "nir09", "nir09");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    private StacSamples() {}

    /** The source tile of a date. */
    public static Path sourceTile(String date) {
        return Fixtures.projectRoot().resolve("conf/samples/sentinel2/s2_l1c_13band_svn_" + date
                + ".tif");
    }

    /** The item id of a date. */
    public static String itemId(String date) {
        return "S2A_svn_" + date + "_0_L2A";
    }

    /**
     * The values the sample's item of {@code tile} (a {@link #SIZE}² crop) holds, on the 10 m
     * grid as its VRT reads them: each band averaged to its native GSD and each coarse pixel
     * repeated over the 10 m pixels it covers (B10, absent from L2A, kept as it is).
     */
    public static Raster atNativeResolutions(Raster tile) {
        float[][] bands = new float[tile.bandCount()][];
        for (int b = 0; b < bands.length; b++) {
            String name = tile.bandNames().get(b);
            int factor = BANDS.stream().filter(band -> band[1].equals(name))
                    .mapToInt(band -> (Integer) band[2] / 10).findFirst().orElse(1);
            int size = SIZE / factor;
            float[] coarse = Resampling.resize(new float[][] {tile.band(name)}, SIZE, SIZE, size,
                    size, Resampling.Method.AVERAGE)[0];
            bands[b] = new float[SIZE * SIZE];
            for (int i = 0; i < bands[b].length; i++) {
                bands[b][i] = coarse[(i / SIZE / factor) * size + (i % SIZE) / factor];
            }
        }
        return new Raster(SIZE, SIZE, tile.bandNames(), bands, tile.transform(), tile.crsWkt(),
                tile.noData());
    }

    /** Writes the sample into {@code folder}; returns the ItemCollection's path. */
    public static Path write(Path folder) {
        ObjectNode collection = JSON.createObjectNode().put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (String date : DATES) {
            features.add(item(folder, date));
        }
        Path items = folder.resolve("items.json");
        try {
            Files.writeString(items, JSON.writeValueAsString(collection) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static ObjectNode item(Path folder, String date) {
        Raster tile = TestRasters.crop(GdalRasters.read(date, sourceTile(date).toString(),
                Storage.local()), SIZE, SIZE);
        JsonNode sidecar = readJson(Path.of(sourceTile(date).toString().replace(".tif",
                ".json")));
        String id = itemId(date);
        Path dir = folder.resolve(id);
        ObjectNode item = JSON.createObjectNode().put("type", "Feature")
                .put("stac_version", "1.0.0");
        item.putArray("stac_extensions")
                .add("https://stac-extensions.github.io/eo/v1.1.0/schema.json")
                .add("https://stac-extensions.github.io/raster/v1.1.0/schema.json")
                .add("https://stac-extensions.github.io/projection/v1.1.0/schema.json");
        item.put("id", id);
        double[][] ring = lonLatRing(tile);
        ObjectNode geometry = item.putObject("geometry").put("type", "Polygon");
        ArrayNode coordinates = geometry.putArray("coordinates").addArray();
        double[] bbox = {180, 90, -180, -90};
        for (double[] point : ring) {
            coordinates.addArray().add(point[0]).add(point[1]);
            bbox[0] = Math.min(bbox[0], point[0]);
            bbox[1] = Math.min(bbox[1], point[1]);
            bbox[2] = Math.max(bbox[2], point[0]);
            bbox[3] = Math.max(bbox[3], point[1]);
        }
        item.putArray("bbox").add(bbox[0]).add(bbox[1]).add(bbox[2]).add(bbox[3]);
        ObjectNode properties = item.putObject("properties");
        properties.put("datetime", sidecar.path("timestamp").asText())
                .put("platform", "sentinel-2a").put("constellation", "sentinel-2")
                .put("eo:cloud_cover", sidecar.path("cloud_cover").asDouble())
                .put("proj:epsg", 32633).put("s2:processing_baseline", "04.00")
                .put("s2:product_type", "S2MSI2A");
        properties.putArray("instruments").add("msi");
        item.putArray("links");
        ObjectNode assets = item.putObject("assets");
        for (Object[] band : BANDS) {
            String key = (String) band[0];
            String name = (String) band[1];
            int gsd = (Integer) band[2];
            int factor = gsd / 10;
            Path file = dir.resolve(name + ".tif");
            GeoTransform transform = writeBand(tile, name, factor, file);
            ObjectNode asset = assets.putObject(key);
            asset.put("href", "./" + id + "/" + name + ".tif")
                    .put("type", "image/tiff; application=geotiff; profile=cloud-optimized")
                    .put("title", name + " - " + gsd + "m");
            ObjectNode eo = asset.putArray("eo:bands").addObject().put("name", name);
            if (COMMON.containsKey(key)) {
                eo.put("common_name", COMMON.get(key));
            }
            eo.put("center_wavelength", (Double) band[3]);
            asset.put("gsd", gsd);
            asset.putArray("proj:shape").add(SIZE / factor).add(SIZE / factor);
            ArrayNode affine = asset.putArray("proj:transform");
            for (double v : transform.toStac()) {
                affine.add(v);
            }
            asset.putArray("raster:bands").addObject().put("nodata", 0)
                    .put("data_type", "uint16").put("bits_per_sample", 15)
                    .put("spatial_resolution", gsd).put("scale", 0.0001).put("offset", -0.1);
            asset.putArray("roles").add("data").add("reflectance");
        }
        item.put("collection", "sentinel-2-l2a");
        return item;
    }

    /** One band as a uint16 DN COG at 10 m × {@code factor}; returns its transform. */
    private static GeoTransform writeBand(Raster tile, String name, int factor, Path file) {
        int size = SIZE / factor;
        float[] values = Resampling.resize(new float[][] {tile.band(name)}, SIZE, SIZE, size,
                size, Resampling.Method.AVERAGE)[0];
        float[] dn = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            // Baseline 04.00: DN = reflectance x 10000 + 1000; 0 stays free for nodata.
            dn[i] = (float) Math.max(1, Math.min(65535, Math.round(values[i] * 10000.0) + 1000));
        }
        GeoTransform transform = tile.transform().scaled(1.0 / factor);
        writeCog(file, size, size, gdalconstConstants.GDT_UInt16, transform, tile.crsWkt(),
                0.0, null, dn);
        return transform;
    }

    /**
     * Writes a single- or multi-band COG of {@code type} from float planes (values already
     * integral for integer types); {@code transform} null writes none, {@code descriptions}
     * null sets none.
     */
    public static void writeCog(Path file, int width, int height, int type,
            GeoTransform transform, String crsWkt, Double noData, List<String> descriptions,
            float[]... planes) {
        writeCog(file, 512, width, height, type, transform, crsWkt, noData, descriptions, planes);
    }

    /** The same COG with tiles of {@code blockSize} px (the COG driver's default is 512). */
    public static void writeCog(Path file, int blockSize, int width, int height, int type,
            GeoTransform transform, String crsWkt, Double noData, List<String> descriptions,
            float[]... planes) {
        Gdal.ensureRegistered();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Dataset staged = gdal.GetDriverByName("MEM").Create("", width, height, planes.length,
                type);
        try {
            if (transform != null) {
                staged.SetGeoTransform(transform.toGdal());
            }
            if (crsWkt != null) {
                staged.SetProjection(crsWkt);
            }
            for (int b = 0; b < planes.length; b++) {
                Band band = staged.GetRasterBand(b + 1);
                if (noData != null) {
                    band.SetNoDataValue(noData);
                }
                if (descriptions != null) {
                    band.SetDescription(descriptions.get(b));
                }
                band.WriteRaster(0, 0, width, height, planes[b]);
            }
            // GTiff where there is no georeference: the COG driver wants one.
            Dataset cog = transform == null
                    ? gdal.GetDriverByName("GTiff").CreateCopy(file.toString(), staged,
                            new String[] {"COMPRESS=DEFLATE"})
                    : gdal.GetDriverByName("COG").CreateCopy(file.toString(), staged,
                            new String[] {"COMPRESS=DEFLATE", "PREDICTOR=YES",
                                "BLOCKSIZE=" + blockSize});
            cog.delete();
        } finally {
            staged.delete();
        }
    }

    private static double[][] lonLatRing(Raster tile) {
        SpatialReference crs = new SpatialReference(tile.crsWkt());
        SpatialReference wgs84 = new SpatialReference();
        wgs84.ImportFromEPSG(4326);
        crs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        wgs84.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        CoordinateTransformation toWgs84 = new CoordinateTransformation(crs, wgs84);
        int[][] corners = {{0, 0}, {0, SIZE}, {SIZE, SIZE}, {SIZE, 0}, {0, 0}};
        double[][] ring = new double[corners.length][];
        for (int c = 0; c < corners.length; c++) {
            double[] p = toWgs84.TransformPoint(tile.transform().x(corners[c][0], corners[c][1]),
                    tile.transform().y(corners[c][0], corners[c][1]));
            // Six decimals (~0.1 m), as STAC APIs commonly round.
            ring[c] = new double[] {Math.round(p[0] * 1e6) / 1e6, Math.round(p[1] * 1e6) / 1e6};
        }
        toWgs84.delete();
        crs.delete();
        wgs84.delete();
        return ring;
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
