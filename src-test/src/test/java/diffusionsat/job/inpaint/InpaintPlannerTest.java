package diffusionsat.job.inpaint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.inpaint.InpaintRequest;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.testing.TestSpark;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** A malformed catalogue row fails alone while planning, naming the tile and column (issue 13). */
class InpaintPlannerTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
            .add("href", DataTypes.StringType).add("datetime", DataTypes.TimestampType)
            .add("lon", DataTypes.StringType).add("eo:cloud_cover", DataTypes.DoubleType)
            .add("sequence_id", DataTypes.StringType);

    private static Row row(String id, String date, String lon, double cloud) {
        return new GenericRowWithSchema(new Object[] {id, id + ".tif",
            Timestamp.valueOf(date + " 10:00:00"), lon, cloud, "s1"}, SCHEMA);
    }

    @Test
    void aRowWithATextLonFailsAloneAndTheSequenceIsStillPlanned() {
        List<Row> rows = List.of(row("clear-a", "2020-01-01", null, 0),
                row("cloudy", "2020-01-05", null, 80),
                row("broken", "2020-01-07", "east", 90),
                row("clear-b", "2020-01-09", null, 0));
        InpaintPlanner.Plan plan = InpaintPlanner.plan(rows, JobConfigs.inpaint(
                ConfigLoader.load(List.of(), List.of("inpaint.task=clouds",
                "model.checkpoint=unused")), "tiles"));
        assertAll(
                () -> assertEquals(List.of("cloudy"),
                        plan.requests().stream().map(InpaintRequest::id).toList()),
                () -> assertEquals(2, plan.requests().get(0).conditions().size()),
                () -> assertEquals(1, plan.failures().size()),
                () -> assertEquals("broken", plan.failures().get(0).id()),
                () -> assertTrue(plan.failures().get(0).cause().startsWith(
                        "catalogue column lon holds string"), plan.failures().get(0).cause()));
    }

    @Test
    void aNumericSequenceIdFailsItsRowNamingTheColumn() {
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add("sequence_id", DataTypes.LongType);
        InpaintPlanner.Plan plan = InpaintPlanner.plan(List.of(new GenericRowWithSchema(
                new Object[] {"t1", "t1.tif", 7L}, schema)), JobConfigs.inpaint(
                        ConfigLoader.load(List.of(), List.of("inpaint.task=clouds",
                "model.checkpoint=unused")), "tiles"));
        assertAll(() -> assertEquals(0, plan.requests().size()),
                () -> assertEquals("t1", plan.failures().get(0).id()),
                () -> assertEquals("catalogue column sequence_id holds bigint where text is"
                        + " expected", plan.failures().get(0).cause()));
    }

    @Test
    void inSparkEachGroupIsPlannedAsOnTheDriverWhateverThePartitioning() {
        List<Row> rows = List.of(row("clear-a", "2020-01-01", null, 0),
                row("cloudy", "2020-01-05", null, 80),
                row("broken", "2020-01-07", "east", 90),
                row("clear-b", "2020-01-09", null, 0),
                new GenericRowWithSchema(new Object[] {"lonely", "l.tif",
                    Timestamp.valueOf("2020-01-01 10:00:00"), null, 50.0, null}, SCHEMA));
        var settings = JobConfigs.inpaint(ConfigLoader.load(List.of(),
                List.of("inpaint.task=clouds", "model.checkpoint=unused")), "tiles");
        List<InpaintPlanner.Item> items = InpaintPlanner.inSpark(TestSpark.session()
                .createDataFrame(rows, SCHEMA).repartition(3), settings).collectAsList();
        InpaintPlanner.Plan onDriver = InpaintPlanner.plan(rows, settings);
        List<InpaintRequest> requests = items.stream().map(InpaintPlanner.Item::request)
                .filter(java.util.Objects::nonNull).toList();
        List<InpaintPlanner.Failure> failures = items.stream()
                .map(InpaintPlanner.Item::failure).filter(java.util.Objects::nonNull)
                .sorted(java.util.Comparator.comparing(InpaintPlanner.Failure::id)).toList();
        assertAll(
                () -> assertEquals(onDriver.requests(), requests),
                () -> assertEquals(List.of("broken", "lonely"),
                        failures.stream().map(InpaintPlanner.Failure::id).toList()),
                () -> assertEquals(onDriver.failures().stream()
                        .sorted(java.util.Comparator.comparing(InpaintPlanner.Failure::id))
                        .toList(), failures));
    }
}
