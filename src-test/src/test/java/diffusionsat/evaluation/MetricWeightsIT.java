package diffusionsat.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.S3Server;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The LPIPS weights folder read from a real S3-compatible store equals the local read. */
class MetricWeightsIT {
    private static final Path TINY = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/metricnets/lpips-tiny");

    @Test
    void remoteFolderReadsLikeTheLocalOneWithoutTheClassifier() {
        S3Server s3 = S3Server.get();
        s3.createBucket("lpips-it");
        Storage storage = Storage.of(s3.hadoopSettings());
        for (String name : List.of("alexnet.bin", "lin.bin")) {
            storage.publish(TINY.resolve(name), "s3a://lpips-it/weights/" + name);
        }

        StateDict remote = MetricWeights.lpips("s3a://lpips-it/weights", storage);
        StateDict local = MetricWeights.lpips(TINY.toString(), Storage.local());

        assertEquals(local.names(), remote.names());
        assertEquals(15, remote.size(), "10 AlexNet tensors and 5 heads");
        assertFalse(remote.contains("classifier.1.weight"));
        for (String name : local.names()) {
            assertArrayEquals(local.get(name).toFloatArray(), remote.get(name).toFloatArray(),
                    name);
        }
    }
}
