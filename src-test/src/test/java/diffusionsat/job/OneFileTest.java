package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.testing.TestSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing one file keeps the per-tile work spread over all its tasks with adaptive execution
 * off (issue 12: evaluate ran in one task under {@code coalesce(1)}).
 */
class OneFileTest {
    private static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType);

    @TempDir
    Path dir;

    @Test
    void theWorkUpstreamRunsInEveryPartitionAndOneFileIsWritten() throws Exception {
        SparkSession spark = TestSpark.session();
        String adaptive = spark.conf().get("spark.sql.adaptive.enabled");
        spark.conf().set("spark.sql.adaptive.enabled", "false");
        try {
            CollectionAccumulator<Integer> partitions = spark.sparkContext()
                    .collectionAccumulator("partitions");
            Dataset<Row> work = spark.range(0, 40).toDF().repartition(4)
                    .mapPartitions(new Recording(partitions), Encoders.row(SCHEMA));
            OneFile.of(work).write().parquet(dir.resolve("t").toString());
            try (Stream<Path> files = Files.list(dir.resolve("t"))) {
                long parquet = files.filter(f -> f.toString().endsWith(".parquet")).count();
                assertAll(
                        () -> assertEquals(4, new HashSet<>(partitions.value()).size(),
                                "each of the 4 partitions ran as its own task"),
                        () -> assertEquals(1, parquet),
                        () -> assertEquals(40, spark.read().parquet(dir.resolve("t")
                                .toString()).count()));
            }
        } finally {
            spark.conf().set("spark.sql.adaptive.enabled", adaptive);
        }
    }

    /** Passes rows through, recording the partition it ran in. */
    private record Recording(CollectionAccumulator<Integer> partitions)
            implements MapPartitionsFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            partitions.add(TaskContext.getPartitionId());
            List<Row> out = new java.util.ArrayList<>();
            rows.forEachRemaining(r -> out.add(RowFactory.create(r.getLong(0))));
            return out.iterator();
        }
    }
}
