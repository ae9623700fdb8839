package diffusionsat.job.evaluate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.to_date;

import diffusionsat.io.catalog.CatalogColumns;
import diffusionsat.spark.EvaluationRows;
import diffusionsat.spark.TemporalRows;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tiles of a {@code temporal} run to evaluate: each prediction (an id of its own, not a
 * catalogue row) against the real frame of its sequence on its target date, where the catalogue
 * has one, with the conditioning frame nearest in time as the input (so the bicubic baseline is
 * the persistence forecast). The run's {@code conditioning/} table says which sequence, date
 * and frames each prediction had.
 */
final class TemporalTargets {
    private TemporalTargets() {}

    /** Whether the catalogue has what the matching needs. */
    static boolean applicable(Dataset<Row> catalog) {
        List<String> columns = Arrays.asList(catalog.columns());
        return columns.contains(CatalogColumns.SEQUENCE_ID)
                && columns.contains(CatalogColumns.DATETIME);
    }

    /** The finished predictions as {@link EvaluationRows#TILES}. */
    static Dataset<Row> tiles(Dataset<Row> finished, Dataset<Row> catalog,
            Dataset<Row> conditioning) {
        Dataset<Row> plan = conditioning.select(col("id").alias("plan_id"),
                col(TemporalRows.SEQUENCE_ID).alias("plan_sequence"),
                col(TemporalRows.TARGET).alias("target_datetime"),
                element_at(col("conditioning_ids"), 1).alias("nearest_id"));
        Dataset<Row> real = frames(catalog, "real");
        Dataset<Row> nearest = frames(catalog, "near");
        Dataset<Row> joined = finished
                .join(plan, finished.col("id").equalTo(plan.col("plan_id")), "left")
                .join(real, plan.col("plan_sequence").equalTo(real.col("real_sequence"))
                        .and(to_date(plan.col("target_datetime")).equalTo(real.col("real_day"))),
                        "left")
                .join(nearest, plan.col("nearest_id").equalTo(nearest.col("near_id")), "left")
                .dropDuplicates("id"); // same-day duplicates of the real frame: any one
        List<Column> columns = List.of(col("id"), col("model"), col("href"),
                col("near_href").alias("input_href"), col("real_href").alias("target_href"),
                col("target_datetime").alias("datetime"), col("real_cloud").alias("cloud_cover"),
                col("uncertainty"), col("real_caption").alias("caption"),
                col("near_radiometry").alias("input_radiometry"),
                col("real_radiometry").alias("target_radiometry"));
        Dataset<Row> tiles = joined.select(columns.toArray(Column[]::new));
        return tiles.select(Arrays.stream(EvaluationRows.TILES.fields())
                .map(f -> col(f.name()).cast(f.dataType())).toArray(Column[]::new));
    }

    private static Dataset<Row> frames(Dataset<Row> catalog, String prefix) {
        List<String> columns = Arrays.asList(catalog.columns());
        return catalog.select(col(CatalogColumns.ID).alias(prefix + "_id"),
                col(CatalogColumns.HREF).alias(prefix + "_href"),
                col(CatalogColumns.SEQUENCE_ID).alias(prefix + "_sequence"),
                to_date(col(CatalogColumns.DATETIME)).alias(prefix + "_day"),
                (columns.contains(CatalogColumns.CLOUD_COVER)
                        ? col("`" + CatalogColumns.CLOUD_COVER + "`")
                        : org.apache.spark.sql.functions.lit(null)).cast("double")
                        .alias(prefix + "_cloud"),
                (columns.contains(CatalogColumns.CAPTION) ? col(CatalogColumns.CAPTION)
                        : org.apache.spark.sql.functions.lit(null)).cast("string")
                        .alias(prefix + "_caption"),
                (columns.contains("radiometry") ? col("radiometry")
                        : org.apache.spark.sql.functions.lit(null)).cast("string")
                        .alias(prefix + "_radiometry"));
    }
}
