package diffusionsat.io.stac;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.catalog.CatalogScan;
import diffusionsat.job.cli.Main;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.testing.CountingProxy;
import diffusionsat.testing.S3Server;
import diffusionsat.testing.StacSamples;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Items as an ItemCollection, NDJSON, a static catalog (catalog.json → collection.json
 * → item files elsewhere, asset hrefs relative to each) and stac-geoparquet (written by Spark)
 * give the same catalogue rows and VRTs; and the sample on the loopback S3 server, scanned as a
 * Spark job, gives the rows of the local scan.
 */
class StacInputsIT {
    private static final Path ITEMS = StacScanTest.ITEMS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LARGE = 1024;

    @TempDir
    Path dir;

    @Test
    void everyStacFormGivesTheSameRows() throws IOException {
        JsonNode features = JSON.readTree(ITEMS.toFile()).path("features");
        Path ndjson = writeNdjson(features);
        Path catalog = writeStaticCatalog(features);
        Path parquet = writeGeoParquet(ndjson);

        StacScan.Result expected = scan(ITEMS.toString());
        assertEquals(2, expected.scan().tiles().size());
        for (Path input : List.of(ndjson, catalog, parquet)) {
            StacScan.Result actual = scan(input.toString());
            assertAll(input.getFileName().toString(),
                    () -> assertEquals(List.of(), actual.scan().failures()),
                    () -> assertEquals(describe(expected), describe(actual)),
                    () -> assertEquals(expected.vrts(), actual.vrts(), "the VRTs"));
        }
    }

    @Test
    void itemsAndAssetsOnS3ScannedOnExecutorsGiveTheLocalRows() throws IOException {
        S3Server s3 = S3Server.get();
        s3.createBucket("stac-it");
        Storage storage = Storage.of(s3.hadoopSettings());
        s3.upload(ITEMS.getParent(), "s3a://stac-it/samples/");
        List<String> args = new ArrayList<>(List.of("catalog", "--input",
                "s3a://stac-it/samples/items.json", "--output", "s3a://stac-it/catalogue",
                "--master", "local[2]", "--set", "catalog.scan=spark"));
        s3.jobSettings().forEach((k, v) -> args.addAll(List.of("--set", k + "=" + v)));
        assertEquals(0, Main.run(args.toArray(String[]::new)));

        List<Row> rows = TestSpark.session().read().parquet("s3a://stac-it/catalogue")
                .orderBy("id").collectAsList();
        List<TileRecord> local = scan(ITEMS.toString()).scan().tiles();
        String vrt = new String(storage.readAllBytes("s3a://stac-it/catalogue/_stac/"
                + local.get(0).id() + ".vrt"), java.nio.charset.StandardCharsets.UTF_8);
        assertAll(
                () -> assertEquals(2, rows.size()),
                () -> assertEquals(local.stream().map(TileRecord::id).toList(),
                        rows.stream().map(r -> r.<String>getAs("id")).toList()),
                () -> assertEquals(local.get(0).bands(), rows.get(0).getList(
                        rows.get(0).fieldIndex("bands"))),
                () -> assertEquals(local.get(0).datetime(), rows.get(0)
                        .<java.sql.Timestamp>getAs("datetime").toInstant()),
                () -> assertEquals(local.get(0).lon(), rows.get(0).<Double>getAs("lon"), 1e-12),
                () -> assertEquals("s3a://stac-it/catalogue/_stac/" + local.get(0).id() + ".vrt",
                        rows.get(0).getAs("href")),
                () -> assertTrue(vrt.contains("/vsis3/stac-it/samples/" + local.get(0).id()
                        + "/B04.tif"), vrt),
                () -> assertTrue(storage.exists("s3a://stac-it/catalogue/_rejected.csv")));
    }

    @Test
    void distributedRasterScanGivesTheDriverScansRows() {
        String samples = diffusionsat.testing.Fixtures.projectRoot()
                .resolve("conf/samples/sentinel2").toString();
        var settings = ConfigLoader.load(List.of(), List.of("catalog.scan=spark"));
        var scan = new CatalogScan(settings, StorageConfig.from(settings),
                dir.resolve("c").toString(), "local[2]");
        ScanResult distributed = scan.rasters(samples, null, Storage.local());
        ScanResult driver = new CatalogScanner().scan(samples, Storage.local());
        assertAll(
                () -> assertEquals(5, distributed.tiles().size()),
                () -> assertEquals(driver.tiles().stream().map(StacInputsIT::describe).toList(),
                        distributed.tiles().stream().map(StacInputsIT::describe).toList()));
    }

    /**
     * Headers of multi-MB COGs on the loopback S3 server, read on the executors of a distributed
     * scan, cost a few range requests each: counted at a relay in front of the server (listings
     * and item JSON included), the bytes per file stay far below the file sizes, for a GeoTIFF
     * folder (header and last-pixel check) and for a STAC item's band assets.
     */
    @Test
    void remoteHeadersAreReadByRangeRequestsOnTheExecutors() throws IOException {
        S3Server s3 = S3Server.get();
        s3.createBucket("header-reads");
        Storage storage = Storage.of(s3.hadoopSettings());
        List<String> rasterBands = List.of("B02", "B03", "B04");
        List<String> itemBands = Sentinel2Preprocessing.CONTROLNET_BANDS;
        long rasterBytes = publishLargeCogs(storage, "s3a://header-reads/rasters/", rasterBands);
        long assetBytes = publishLargeCogs(storage, "s3a://header-reads/item/", itemBands);
        ObjectNode item = (ObjectNode) JSON.readTree(ITEMS.toFile()).path("features").get(0);
        ObjectNode assets = item.putObject("assets");
        itemBands.forEach(band -> assets.putObject(band).put("href", "./" + band + ".tif")
                .putArray("eo:bands").addObject().put("name", band));
        Path itemFile = Files.writeString(dir.resolve("item.json"), item.toString());
        storage.publish(itemFile, "s3a://header-reads/item/item.json");

        try (CountingProxy relay = new CountingProxy(URI.create(s3.endpoint()).getPort())) {
            List<String> sets = new ArrayList<>(List.of("catalog.scan=spark"));
            s3.jobSettings().forEach((k, v) -> sets.add(k + "="
                    + (k.equals("s3a.endpoint") ? relay.endpoint() : v)));
            var settings = ConfigLoader.load(List.of(), sets);
            StorageConfig config = StorageConfig.from(settings);
            CatalogScan scan = new CatalogScan(settings, config, dir.resolve("c").toString(),
                    "local[2]");
            Storage viaRelay = Storage.of(config.hadoopSettings());
            ScanResult rasters = scan.rasters("s3a://header-reads/rasters", null, viaRelay);
            long perRaster = relay.downloaded() / rasterBands.size();
            StacScan.Result stac = scan.stac("s3a://header-reads/item/item.json", viaRelay);
            long perAsset = (relay.downloaded() - perRaster * rasterBands.size())
                    / itemBands.size();
            long rasterSize = rasterBytes / rasterBands.size();
            long assetSize = assetBytes / itemBands.size();
            System.out.printf("header reads: %d bytes per GeoTIFF of %d, %d per STAC asset of"
                    + " %d%n", perRaster, rasterSize, perAsset, assetSize);
            assertAll(
                    () -> assertEquals(3, rasters.tiles().size(), rasters.failures().toString()),
                    () -> assertEquals(1, stac.scan().tiles().size(),
                            stac.scan().failures().toString()),
                    () -> assertTrue(perRaster < rasterSize / 20, perRaster + " bytes per "
                            + rasterSize + "-byte GeoTIFF"),
                    () -> assertTrue(perAsset < assetSize / 20, perAsset + " bytes per "
                            + assetSize + "-byte asset"));
        }
    }

    /** One single-band 1024² uint16 COG of noise (tiles of 128 px) per band; total size. */
    private long publishLargeCogs(Storage storage, String prefix, List<String> bands)
            throws IOException {
        Raster sample = GdalRasters.read("sample", StacSamples.sourceTile(StacSamples.DATES
                .get(0)).toString(), Storage.local());
        java.util.Random noise = new java.util.Random(prefix.hashCode());
        long total = 0;
        for (String band : bands) {
            float[] dn = new float[LARGE * LARGE];
            for (int i = 0; i < dn.length; i++) {
                dn[i] = 1 + noise.nextInt(9999);
            }
            Path file = dir.resolve("large/" + prefix.hashCode() + "/" + band + ".tif");
            StacSamples.writeCog(file, 128, LARGE, LARGE, gdalconstConstants.GDT_UInt16,
                    sample.transform(), sample.crsWkt(), 0.0, List.of(band), dn);
            total += Files.size(file);
            storage.publish(file, prefix + band + ".tif");
        }
        return total;
    }

    private StacScan.Result scan(String input) {
        return StacScan.run(input, new StacItemScanner(dir.resolve("catalogue/_stac").toString(),
                Map.of(), Radiometry.REFLECTANCE), Storage.local());
    }

    /** Every field of every row, arrays as text, so rows compare by value. */
    private static List<List<Object>> describe(StacScan.Result result) {
        return result.scan().tiles().stream().map(StacInputsIT::describe).toList();
    }

    private static List<Object> describe(TileRecord t) {
        return Arrays.asList(t.id(), t.collection(), t.sequenceId(), t.datetime(), t.href(),
                t.bands(), t.gsd(), t.cloudCover(), t.lon(), t.lat(), t.epsg(),
                Arrays.toString(t.bbox()), Arrays.toString(t.geometryWkb()), t.width(),
                t.height(), t.crsWkt(), Arrays.toString(t.geoTransform()), t.radiometry());
    }

    private Path writeNdjson(JsonNode features) throws IOException {
        Path file = dir.resolve("flat/items.ndjson");
        Files.createDirectories(file.getParent());
        StringBuilder lines = new StringBuilder();
        for (JsonNode feature : features) {
            lines.append(relativeTo(feature, file.getParent()).toString()).append('\n');
        }
        return Files.writeString(file, lines.toString());
    }

    /** The item with its asset hrefs relative to {@code folder} (../../... back to the sample). */
    private static ObjectNode relativeTo(JsonNode feature, Path folder) {
        ObjectNode item = feature.deepCopy();
        item.path("assets").fields().forEachRemaining(e -> {
            Path asset = ITEMS.resolveSibling(e.getValue().path("href").asText()).normalize();
            ((ObjectNode) e.getValue()).put("href", folder.relativize(asset).toString());
        });
        return item;
    }

    private Path writeStaticCatalog(JsonNode features) throws IOException {
        Path root = dir.resolve("static/catalog.json");
        Path collection = dir.resolve("static/sentinel-2-l2a/collection.json");
        Files.createDirectories(collection.getParent());
        ObjectNode catalog = JSON.createObjectNode().put("type", "Catalog").put("id", "root")
                .put("stac_version", "1.0.0").put("description", "test");
        catalog.putArray("links").addObject().put("rel", "child")
                .put("href", "./sentinel-2-l2a/collection.json");
        Files.writeString(root, catalog.toString());
        ObjectNode collectionNode = JSON.createObjectNode().put("type", "Collection")
                .put("id", "sentinel-2-l2a").put("stac_version", "1.0.0");
        var links = collectionNode.putArray("links");
        links.addObject().put("rel", "root").put("href", "../catalog.json");
        for (JsonNode feature : features) {
            String id = feature.path("id").asText();
            Path itemFile = collection.resolveSibling(id + "/" + id + ".json");
            Files.createDirectories(itemFile.getParent());
            Files.writeString(itemFile, relativeTo(feature, itemFile.getParent()).toString());
            links.addObject().put("rel", "item").put("href", "./" + id + "/" + id + ".json");
        }
        Files.writeString(collection, collectionNode.toString());
        return root;
    }

    /** stac-geoparquet's layout: properties lifted to columns, geometry as WKB, by Spark. */
    private Path writeGeoParquet(Path ndjson) {
        SparkSession spark = TestSpark.session();
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.udf().register("geojson_to_wkb", (UDF1<String, byte[]>) json -> {
            Gdal.ensureRegistered();
            Geometry geometry = ogr.CreateGeometryFromJson(json);
            try {
                return geometry.ExportToIsoWkb();
            } finally {
                geometry.delete();
            }
        }, DataTypes.BinaryType);
        Path out = ndjson.resolveSibling("items.parquet");
        spark.read().json(ndjson.toString())
                .select(col("type"), col("stac_version"), col("id"), col("collection"),
                        col("bbox"), col("assets"), col("links"),
                        callUDF("geojson_to_wkb", to_json(col("geometry"))).as("geometry"),
                        col("properties.*"))
                .withColumn("datetime", col("datetime").cast("timestamp"))
                .coalesce(1).write().parquet(out.toString());
        return out;
    }
}
