package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Command;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.S3Server;
import diffusionsat.testing.StacSamples;
import diffusionsat.testing.TestRasters;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code superres} on STAC Items (per-band uint16 COGs of an L2A-like product,
 * conf/samples/stac) and on digital-number GeoTIFFs, against the same pixels as float
 * reflectance: real Spark, real GDAL, the launcher's entry point.
 */
class StacSuperResolutionIT {
    private static final Path ITEMS = Fixtures.projectRoot().resolve("conf/samples/stac/items.json");
    private static final String DATE = StacSamples.DATES.get(0);
    private static final String TILE = "dn_" + DATE; // the date in the name dates the tile
    private static final List<String> BANDS = List.of("B01", "B02", "B03", "B04", "B05", "B06",
            "B07", "B08", "B8A", "B09", "B10", "B11", "B12");
    // The bicubic baseline's inputs are uint8 levels / 255 (DIFFUSIONSAT.md §3.1): half a DN of
    // rounding can move a pixel one level, and the bicubic kernel's weights sum in absolute
    // value to at most 1.6 (a = -0.5) squared over rows and columns.
    private static final double ONE_LEVEL_THROUGH_BICUBIC = 1.6 * 1.6 / 255;

    @TempDir
    Path dir;

    /**
     * Also from the items on the loopback S3 server: catalogued here into a local catalogue,
     * super-resolved in a JVM of its own whose GDAL never opened a file of the bucket (only the
     * VRT's {@code /vsis3/} sources name it), the output is the local items' bit for bit.
     */
    @Test
    void itemsGiveTheOutputOfTheStackedFloatTile() throws IOException, InterruptedException {
        assertEquals(0, Main.run("catalog", "--input", ITEMS.toString(), "--output",
                dir.resolve("stac-catalog").toString()));
        assertTrue(Files.exists(dir.resolve("stac-catalog/_rejected.csv")));
        Raster source = sourceCrop();
        Path floatTile = TestRasters.write(source, dir.resolve("float/" + StacSamples.itemId(DATE)
                + ".tif"));
        assertEquals(0, Main.run("catalog", "--input", floatTile.getParent().toString(),
                "--output", dir.resolve("float-catalog").toString()));

        assertEquals(0, superres("stac-catalog", "stac"));
        assertEquals(0, superres("float-catalog", "float"));

        String id = StacSamples.itemId(DATE);
        Raster fromItems = output("stac", id);
        Raster fromFloat = output("float", id);
        Row row = TestSpark.session().read().parquet(dir.resolve("stac-catalog").toString())
                .where("id = '" + id + "'").first();
        Command fromS3 = superresOnS3(id);
        assertEquals(0, fromS3.exit(), fromS3.toString());
        Raster fromS3Items = output("s3", id);
        assertAll(
                () -> assertArrayEquals(fromItems.bands(), fromS3Items.bands()),
                () -> assertEquals(384, fromItems.width()),
                () -> assertEquals(fromFloat.crsWkt(), fromItems.crsWkt()),
                () -> assertEquals("reflectance", row.getAs("radiometry")),
                () -> assertTrue(maxDifference(fromFloat, fromItems) <= ONE_LEVEL_THROUGH_BICUBIC,
                        "max |difference| " + maxDifference(fromFloat, fromItems)));
    }

    /**
     * {@code superres} with DiffusionSat (a tiny generated checkpoint with a 10-channel
     * ControlNet, 2 steps) on an item: the model's channels come from the per-band COGs at 10,
     * 20 and 60 m through the item's VRT, the row is ok, and the output equals the run on a
     * stacked float tile of the same values (coarse bands averaged to their grid and repeated)
     * and metadata within what half a DN of rounding moves through two steps of the model.
     */
    @Test
    void diffusionSatOnItemsEqualsTheStackedTileOfTheSameValues() throws IOException {
        String id = StacSamples.itemId(DATE);
        assertEquals(0, Main.run("catalog", "--input", ITEMS.toString(), "--output",
                dir.resolve("stac-catalog").toString()));
        Path stacked = TestRasters.write(StacSamples.atNativeResolutions(sourceCrop()),
                dir.resolve("stacked/" + id + ".tif"));
        // The item's date and cloud cover, which condition the model, in a sidecar.
        Files.writeString(stacked.resolveSibling(id + ".json"),
                "{\"timestamp\": \"2015-07-11T10:00:08Z\", \"cloud_cover\": 0}");
        assertEquals(0, Main.run("catalog", "--input", stacked.getParent().toString(),
                "--output", dir.resolve("stacked-catalog").toString()));
        String checkpoint = dir.resolve("checkpoint").toString();
        assertEquals(0, Main.run("make-checkpoint", "--output", checkpoint, "--controlnet",
                "superres", "--seed", "3"));
        List<String> model = List.of("--where", "id = '" + id + "'",
                "--set", "superres.model=diffusionsat", "--set", "model.checkpoint=" + checkpoint,
                "--set", "superres.wald=false", "--set", "superres.windowOverlap=8",
                "--set", "sampler.steps=2", "--set", "sampler.height=256",
                "--set", "sampler.width=256", "--set", "superres.outputType=float32");

        assertEquals(0, superres("stac-catalog", "dsat-stac", model.toArray(String[]::new)));
        assertEquals(0, superres("stacked-catalog", "dsat-stacked",
                model.toArray(String[]::new)));
        Row result = TestSpark.session().read()
                .parquet(dir.resolve("superres/dsat-stac/results").toString()).first();
        Raster fromItems = output("dsat-stac", id);
        Raster fromStacked = output("dsat-stacked", id);
        double difference = maxDifference(fromStacked, fromItems);
        System.out.println("DiffusionSat on items vs stacked tile: max |difference| "
                + difference);
        assertAll(
                () -> assertEquals("ok", result.getAs("status")),
                () -> assertEquals("diffusionsat", result.getAs("model")),
                () -> assertEquals(4 * StacSamples.SIZE, fromItems.width()),
                () -> assertTrue(difference < 1.0 / 255, "max |difference| " + difference));
    }

    @Test
    void digitalNumbersReadAsReflectanceFailNamingTheSettingAndInt16EqualsUInt16()
            throws IOException {
        Raster source = sourceCrop();
        float[][] dn = new float[source.bandCount()][];
        for (int b = 0; b < dn.length; b++) {
            dn[b] = new float[source.bands()[b].length];
            for (int i = 0; i < dn[b].length; i++) {
                // baseline 04.00 DN; a 4 x 4 block of nodata (0) in the corner
                boolean hole = i % 96 < 4 && i / 96 < 4;
                dn[b][i] = hole ? 0 : Math.round(source.bands()[b][i] * 10000.0) + 1000;
            }
        }
        for (String kind : List.of("uint16", "int16")) {
            StacSamples.writeCog(dir.resolve(kind + "/" + TILE + ".tif"), 96, 96, kind.equals("uint16")
                    ? gdalconstConstants.GDT_UInt16 : gdalconstConstants.GDT_Int16,
                    source.transform(), source.crsWkt(), 0.0, BANDS, dn);
            assertEquals(0, Main.run("catalog", "--input", dir.resolve(kind).toString(),
                    "--output", dir.resolve(kind + "-catalog").toString()));
        }
        assertEquals(1, superres("uint16-catalog", "as-reflectance"), "every tile failed");
        Row failed = TestSpark.session().read()
                .parquet(dir.resolve("superres/as-reflectance/results").toString()).first();
        String offset = "io.radiometry=digital-numbers-offset-1000";
        assertEquals(0, superres("uint16-catalog", "uint16", "--set", offset));
        assertEquals(0, superres("int16-catalog", "int16", "--set", offset));

        Raster uint16 = output("uint16", TILE);
        Raster int16 = output("int16", TILE);
        assertAll(
                () -> assertEquals("failed", failed.getAs("status")),
                () -> assertTrue(failed.<String>getAs("error_message").contains("io.radiometry"),
                        failed.<String>getAs("error_message")),
                () -> assertTrue(Float.isNaN(uint16.bands()[0][0]), "nodata stays nodata"),
                () -> assertEquals(0.0, maxDifference(uint16, int16), "the same picture"),
                () -> assertTrue(Arrays.equals(uint16.bands()[1], int16.bands()[1])));
    }

    @Test
    void unnamedStacksAreRejectedUnlessTheirCollectionNamesTheOrder() throws IOException {
        Raster source = sourceCrop();
        List<String> order = List.of("B02", "B03", "B04", "B08");
        float[][] four = order.stream().map(source::band).toArray(float[][]::new);
        StacSamples.writeCog(dir.resolve("stacks/four_" + DATE + ".tif"), 96, 96,
                gdalconstConstants.GDT_Float32, source.transform(), source.crsWkt(), null, null,
                four);
        StacSamples.writeCog(dir.resolve("stacks/unplaced.tif"), 96, 96,
                gdalconstConstants.GDT_Float32, null, null, null, order, four);
        String catalog = dir.resolve("stack-catalog").toString();

        assertEquals(1, Main.run("catalog", "--input", dir.resolve("stacks").toString(),
                "--output", catalog), "everything rejected");
        Map<String, String> causes = TestSpark.session().read()
                .parquet(catalog + "/_rejected").collectAsList().stream()
                .collect(Collectors.toMap(r -> Path.of(r.<String>getAs("file")).getFileName()
                        .toString(), r -> r.<String>getAs("cause")));
        Path profiles = Files.writeString(dir.resolve("collections.yaml"),
                "four-band:\n  bands: [B02, B03, B04, B08]\n");
        assertEquals(0, Main.run("catalog", "--input", dir.resolve("stacks").toString(),
                "--output", catalog, "--collection", "four-band", "--set",
                "catalog.collections=" + profiles));
        Row named = TestSpark.session().read().parquet(catalog).first();
        assertEquals(0, superres("stack-catalog", "named"), "the model gets the named bands");
        assertAll(
                () -> assertEquals(3, output("named", "four_" + DATE).bandCount()),
                () -> assertTrue(causes.get("four_" + DATE + ".tif").contains("no band names"),
                        causes.toString()),
                () -> assertTrue(causes.get("unplaced.tif").matches(".*(CRS|geotransform).*"),
                        causes.toString()),
                () -> assertEquals(order, named.getList(named.fieldIndex("bands"))));
    }

    /** Publishes the sample to S3, catalogues it here, super-resolves {@code id} in a new JVM. */
    private Command superresOnS3(String id) throws IOException, InterruptedException {
        S3Server s3 = S3Server.get();
        s3.createBucket("stac-vrt-sources");
        s3.upload(ITEMS.getParent(), "s3a://stac-vrt-sources/");
        List<String> s3Settings = new ArrayList<>();
        s3.jobSettings().forEach((k, v) -> s3Settings.addAll(List.of("--set", k + "=" + v)));
        List<String> catalog = new ArrayList<>(List.of("catalog", "--input",
                "s3a://stac-vrt-sources/items.json", "--output",
                dir.resolve("s3-catalog").toString()));
        catalog.addAll(s3Settings);
        assertEquals(0, Main.run(catalog.toArray(String[]::new)));
        List<String> java = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "@" + Fixtures.projectRoot().resolve("conf/jvm.options"),
                "-Djava.library.path=" + System.getProperty("java.library.path"),
                "-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "superres", "--catalog", dir.resolve("s3-catalog").toString(), "--output",
                dir.toString(), "--run-id", "s3", "--master", "local[1]",
                "--where", "id = '" + id + "'", "--set", "s3a.committer=file"));
        java.addAll(s3Settings);
        // Spark's start in a new JVM on a loaded 2-core machine took over 5 minutes once.
        return Command.run(java, Map.of(), 1200);
    }

    private static Raster sourceCrop() {
        return TestRasters.crop(GdalRasters.read(DATE, StacSamples.sourceTile(DATE).toString(),
                Storage.local()), StacSamples.SIZE, StacSamples.SIZE);
    }

    private Raster output(String runId, String id) {
        return GdalRasters.read(id, dir.resolve("superres/" + runId + "/tiles/" + id + ".tif")
                .toString(), Storage.local());
    }

    private int superres(String catalog, String runId, String... extra) {
        List<String> args = new ArrayList<>(List.of("superres", "--catalog",
                dir.resolve(catalog).toString(), "--output", dir.toString(), "--run-id", runId,
                "--master", "local[2]", "--set", "s3a.committer=file"));
        args.addAll(List.of(extra));
        return Main.run(args.toArray(String[]::new));
    }

    private static double maxDifference(Raster a, Raster b) {
        double max = 0;
        for (int c = 0; c < a.bandCount(); c++) {
            for (int i = 0; i < a.bands()[c].length; i++) {
                float x = a.bands()[c][i];
                float y = b.bands()[c][i];
                if (Float.isNaN(x) != Float.isNaN(y)) {
                    return Double.POSITIVE_INFINITY;
                }
                if (!Float.isNaN(x)) {
                    max = Math.max(max, Math.abs(x - y));
                }
            }
        }
        return max;
    }
}
