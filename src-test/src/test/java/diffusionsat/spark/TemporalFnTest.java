package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.TemporalConfigs;
import diffusionsat.temporal.TemporalSettings;
import diffusionsat.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/**
 * {@link TemporalFn} on the bundled Sentinel-2 series with the nearest-frame baseline: a request
 * whose sequence holds a malformed catalogue row (issue 13), a sheared frame (georeference
 * rules) or a frame whose catalogue radiometry does not fit its values (issue 11) fails alone,
 * naming the frame and the cause, while the next request is predicted.
 */
class TemporalFnTest {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final List<String> DATES = List.of("20150711", "20150731", "20150820");
    private static final double LON = 14.557815;

    @TempDir
    Path dir;

    @Test
    void aMalformedShearedOrWronglyScaledFrameFailsItsRequestAndTheOthersArePredicted()
            throws Exception {
        TemporalSettings settings = TemporalConfigs.temporal(ConfigLoader.load(List.of(),
                List.of("temporal.model=nearest-frame")), dir.resolve("tiles").toString());
        LongAccumulator done = new LongAccumulator();
        LongAccumulator failed = new LongAccumulator();
        PartitionFn<Row, ?> fn = new PartitionFn<>("requests", new TemporalFn(settings,
                Storage.local(), SAMPLES.toString()), done, failed);
        Path sheared = sheared(DATES.get(1));
        Iterator<Row> out = fn.call(List.of(
                request("broken", DataTypes.StringType, "east", null, null),
                request("sheared", DataTypes.DoubleType, LON, sheared.toString(), null),
                request("counts", DataTypes.DoubleType, LON, null, "digital-numbers"),
                request("good", DataTypes.DoubleType, LON, null, null)).iterator());
        Map<String, Row> byId = new HashMap<>();
        out.forEachRemaining(r -> byId.put(r.getString(column("id")), r));
        assertAll(
                () -> assertFailed(byId.get("broken"), "frame tile s2_l1c_13band_svn_20150711:"
                        + " catalogue column lon holds string where a number is expected"),
                () -> assertFailed(byId.get("sheared"), "has a sheared geotransform"),
                () -> assertFailed(byId.get("counts"), "values read as digital-numbers (the"
                        + " catalogue's radiometry column) are all below 1 digital number"),
                () -> assertEquals("ok", byId.get("good").getString(column("status")),
                        byId.get("good").getString(column("error_message"))),
                () -> assertTrue(Files.exists(dir.resolve("tiles/good.tif"))),
                () -> assertEquals(List.of("good.tif"), Files.list(dir.resolve("tiles"))
                        .map(p -> p.getFileName().toString()).toList()),
                () -> assertEquals(3L, failed.value()));
    }

    private static void assertFailed(Row row, String cause) {
        String error = row.getString(column("error_message"));
        assertAll(() -> assertEquals("failed", row.getString(column("status"))),
                () -> assertTrue(error != null && error.contains(cause), error));
    }

    /** A copy of a sample whose pixel axes are 30 degrees off perpendicular. */
    private Path sheared(String date) {
        String name = "s2_l1c_13band_svn_" + date;
        Raster in = GdalRasters.read(name, SAMPLES.resolve(name + ".tif").toString(),
                Storage.local());
        GeoTransform t = in.transform();
        Raster out = new Raster(in.width(), in.height(), in.bandNames(), in.bands(),
                new GeoTransform(t.originX(), t.pixelWidth(), 5.0, t.originY(), 0,
                        t.pixelHeight()), in.crsWkt(), in.noData());
        Path file = dir.resolve("sheared.tif");
        GdalRasters.writeCog(out, file.toString(), Storage.local(), RasterDataType.FLOAT32);
        return file;
    }

    private static int column(String name) {
        return TemporalRows.SCHEMA.fieldIndex(name);
    }

    /**
     * A request for 2015-09-09 with the sequence's first frames, their lon of {@code type}; the
     * second frame's file replaced by {@code secondHref} unless null, every frame's radiometry
     * column {@code radiometry}.
     */
    private static Row request(String id, DataType lonType, Object lon, String secondHref,
            String radiometry) {
        StructType frame = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add("datetime", DataTypes.TimestampType)
                .add("lon", lonType).add("lat", DataTypes.DoubleType)
                .add("gsd", DataTypes.DoubleType).add("radiometry", DataTypes.StringType);
        List<Row> frames = new ArrayList<>();
        for (String date : DATES) {
            String name = "s2_l1c_13band_svn_" + date;
            String href = secondHref != null && date.equals(DATES.get(1)) ? secondHref
                    : name + ".tif";
            frames.add(new GenericRowWithSchema(new Object[] {name, href,
                Timestamp.valueOf(date.substring(0, 4) + "-" + date.substring(4, 6) + "-"
                        + date.substring(6) + " 10:00:08"), lon, 45.870459, 9.9948, radiometry},
                    frame));
        }
        StructType schema = new StructType().add(TemporalRows.REQUEST_ID, DataTypes.StringType)
                .add(TemporalRows.SEQUENCE_ID, DataTypes.StringType)
                .add(TemporalRows.TARGET, DataTypes.TimestampType)
                .add(TemporalRows.CAPTION, DataTypes.StringType)
                .add(TemporalRows.SELECTION, DataTypes.StringType)
                .add(TemporalRows.HELD_OUT, DataTypes.StringType)
                .add(TemporalRows.FRAMES, DataTypes.createArrayType(frame));
        return new GenericRowWithSchema(new Object[] {id, "svn", Timestamp.valueOf(
                "2015-09-09 10:00:08"), null, "nearest", null,
            CollectionConverters.asScala(frames).toSeq()}, schema);
    }
}
