package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.testing.TestSpark;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-executor model cache under real Spark: one load per JVM, shared by all partitions. */
class ExecutorModelsIT {
    @TempDir
    Path dir;

    @Test
    void fourPartitionsOnTwoTaskThreadsLoadThePipelineOnce() {
        String checkpoint = dir.resolve("tiny").toString();
        CheckpointMaker.write(dir.resolve("tiny"), CheckpointPreset.TINY, 11);
        ModelConfig config = new ModelConfig(checkpoint, ModelDType.F32,
                ModelConfig.DeviceChoice.AUTO);

        List<String> seen = TestSpark.session().range(0, 8).repartition(4)
                .mapPartitions(new PipelineIdentity(config), Encoders.STRING())
                .collectAsList();

        assertAll(
                () -> assertEquals(4, seen.size(), "one answer per partition"),
                () -> assertEquals(1, new HashSet<>(seen).size(),
                        "every partition got the same pipeline: " + seen),
                () -> assertEquals(1, ExecutorModels.loadCount(checkpoint)));
    }

    /** Answers which pipeline object (and device) its partition got from the cache. */
    private static final class PipelineIdentity implements MapPartitionsFunction<Long, String> {
        private final ModelConfig config;

        PipelineIdentity(ModelConfig config) {
            this.config = config;
        }

        @Override
        public Iterator<String> call(Iterator<Long> rows) {
            Object pipeline = ExecutorModels.get(config, Storage.local());
            String device = ExecutorModels.taskDevice(config.device()).toString();
            return List.of(System.identityHashCode(pipeline) + "@" + device).iterator();
        }
    }
}
