package diffusionsat.job.evaluate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import diffusionsat.io.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled paper table (conf/paper-metrics.csv) and the reader's rules. */
class PaperMetricsTest {
    @TempDir
    Path dir;

    @Test
    void bundledTableHoldsEachTaskPublishedNumbersWithTheirSource() {
        List<PaperMetrics.Value> generate = PaperMetrics.forTask("", Storage.local(), "generate");
        List<PaperMetrics.Value> superres = PaperMetrics.forTask("", Storage.local(), "superres");
        List<PaperMetrics.Value> temporal = PaperMetrics.forTask("", Storage.local(), "temporal");
        assertAll(
                () -> assertTrue(generate.stream().anyMatch(v -> v.metric() == Metric.FID)),
                () -> assertTrue(generate.stream().anyMatch(v -> v.metric() == Metric.CLIP)),
                () -> assertTrue(superres.stream().anyMatch(v -> v.metric() == Metric.SSIM)),
                () -> assertTrue(temporal.stream().anyMatch(v -> v.metric() == Metric.LPIPS)),
                () -> assertTrue(PaperMetrics.forTask("", Storage.local(), "inpaint").isEmpty(),
                        "the paper shows in-painting only as figures"),
                () -> assertTrue(List.of(generate, superres, temporal).stream()
                        .flatMap(List::stream).allMatch(v -> Double.isFinite(v.value())
                                && v.source().startsWith("Table "))),
                () -> assertTrue(superres.stream().filter(v -> v.metric() == Metric.SSIM)
                        .allMatch(v -> v.value() > 0 && v.value() < 1)));
    }

    @Test
    void configuredTableIsReadAndBadRowsNameTheFile() throws Exception {
        Path good = Files.writeString(dir.resolve("good.csv"), "# ours\n"
                + "task,model,metric,value,source\n"
                + "superres,Mine,psnr,21.5,\"Table 9: a, quoted source\"\n"
                + "generate,Mine,fid,12.0,Table 1\n");
        Path bad = Files.writeString(dir.resolve("bad.csv"),
                "task,model,metric,value,source\nsuperres,Mine,sharpness,1.0,x\n");
        List<PaperMetrics.Value> values = PaperMetrics.forTask(good.toString(), Storage.local(),
                "superres");
        ConfigException error = assertThrows(ConfigException.class,
                () -> PaperMetrics.forTask(bad.toString(), Storage.local(), "superres"));
        assertAll(
                () -> assertEquals(List.of(new PaperMetrics.Value("superres", "Mine", Metric.PSNR,
                        21.5, "Table 9: a, quoted source")), values),
                () -> assertTrue(error.getMessage().contains("bad.csv")
                        && error.getMessage().contains("sharpness"), error.getMessage()));
    }
}
