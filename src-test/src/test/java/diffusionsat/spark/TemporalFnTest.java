package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * whose sequence holds a malformed catalogue row fails alone, naming the frame and the cause,
 * while the next request is predicted (issue 13).
 */
class TemporalFnTest {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final List<String> DATES = List.of("20150711", "20150731", "20150820");

    @TempDir
    Path dir;

    @Test
    void aMalformedFrameFailsItsRequestAndTheOthersArePredicted() throws Exception {
        TemporalSettings settings = TemporalConfigs.temporal(ConfigLoader.load(List.of(),
                List.of("temporal.model=nearest-frame")), dir.resolve("tiles").toString());
        LongAccumulator done = new LongAccumulator();
        LongAccumulator failed = new LongAccumulator();
        TemporalFn fn = new TemporalFn(settings, Storage.local(), SAMPLES.toString(), done,
                failed);
        Iterator<Row> out = fn.call(List.of(request("broken", DataTypes.StringType, "east"),
                request("good", DataTypes.DoubleType, 14.557815)).iterator());
        Map<String, Row> byId = new HashMap<>();
        out.forEachRemaining(r -> byId.put(r.getString(column("id")), r));
        Row broken = byId.get("broken");
        String error = broken.getString(column("error_message"));
        assertAll(
                () -> assertEquals("failed", broken.getString(column("status"))),
                () -> assertTrue(error.contains("frame tile s2_l1c_13band_svn_20150711:"
                        + " catalogue column lon holds string where a number is expected"),
                        error),
                () -> assertEquals("ok", byId.get("good").getString(column("status")),
                        byId.get("good").getString(column("error_message"))),
                () -> assertTrue(Files.exists(dir.resolve("tiles/good.tif"))),
                () -> assertFalse(Files.exists(dir.resolve("tiles/broken.tif"))),
                () -> assertEquals(1L, failed.value()));
    }

    private static int column(String name) {
        return TemporalRows.SCHEMA.fieldIndex(name);
    }

    /** A request for 2015-09-09 with the sequence's first frames, their lon of {@code type}. */
    private static Row request(String id, DataType lonType, Object lon) {
        StructType frame = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add("datetime", DataTypes.TimestampType)
                .add("lon", lonType).add("lat", DataTypes.DoubleType)
                .add("gsd", DataTypes.DoubleType);
        List<Row> frames = new ArrayList<>();
        for (String date : DATES) {
            String name = "s2_l1c_13band_svn_" + date;
            frames.add(new GenericRowWithSchema(new Object[] {name, name + ".tif",
                Timestamp.valueOf(date.substring(0, 4) + "-" + date.substring(4, 6) + "-"
                        + date.substring(6) + " 10:00:08"), lon, 45.870459, 9.9948}, frame));
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
