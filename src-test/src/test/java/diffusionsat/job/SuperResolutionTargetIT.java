package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.metrics.Mse;
import diffusionsat.metrics.Psnr;
import diffusionsat.metrics.Ssim;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RGB-only Sentinel-2 chip with a high-res target (the S2-NAIP pair of the shared data): the
 * bicubic baseline needs no metadata, and the metrics compare the COG with the target.
 */
class SuperResolutionTargetIT {
    private static final Path PAIR = Fixtures.data().resolve("superres/satlas_s2naip");

    @TempDir
    Path dir;

    @Test
    void metricsCompareTheOutputWithItsTarget() {
        StructType schema = new StructType()
                .add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType)
                .add("target_href", DataTypes.StringType);
        List<Row> rows = List.of(RowFactory.create("s2naip-0",
                PAIR.resolve("s2_l1c_tci_0.png").toString(), PAIR.resolve("naip_rgb.png").toString()));
        String catalog = dir.resolve("catalog").toString();
        TestSpark.session().createDataFrame(rows, schema).write().mode(SaveMode.Overwrite)
                .parquet(catalog);

        assertEquals(0, Main.run("superres", "--catalog", catalog, "--output", dir.toString(),
                "--run-id", "pair", "--master", "local[1]", "--set", "s3a.committer=file",
                "--set", "superres.requireMetadata=false", "--set", "superres.scale=4"));

        Storage storage = Storage.local();
        Raster output = GdalRasters.read("s2naip-0",
                dir.resolve("superres/pair/tiles/s2naip-0.tif").toString(), storage);
        Raster target = GdalRasters.read("s2naip-0", PAIR.resolve("naip_rgb.png").toString(), storage);
        float[][] targetRgb = new Sentinel2Preprocessing(Radiometry.REFLECTANCE).rgb("t", target);
        double mse = Mse.of(output.bands(), targetRgb);
        Row metrics = TestSpark.session().read().parquet(dir.resolve("superres/pair/metrics").toString())
                .collectAsList().get(0);
        assertAll(
                () -> assertEquals(128, output.width()),
                () -> assertEquals(128, output.height()),
                () -> assertEquals("target", metrics.getAs("reference")),
                () -> assertEquals(false, metrics.getAs("reference_resampled")),
                () -> assertEquals(mse, metrics.<Double>getAs("mse"), 1e-12),
                () -> assertEquals(Psnr.fromMse(mse), metrics.<Double>getAs("psnr"), 1e-9),
                () -> assertEquals(Ssim.gaussian(output.bands(), targetRgb, 128, 128),
                        metrics.<Double>getAs("ssim"), 1e-12));
    }
}
