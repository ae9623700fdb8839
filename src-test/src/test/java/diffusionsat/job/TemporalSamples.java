package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;

/**
 * Catalogues of the bundled Sentinel-2 time series (5 dates of one 100 × 101 grid, 2015) for the
 * temporal and sequence jobs, optionally with awkward extra frames put into the same sequence.
 */
final class TemporalSamples {
    static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    static final List<String> DATES =
            List.of("20150711", "20150731", "20150820", "20150830", "20150909");

    private TemporalSamples() {}

    static String id(String date) {
        return "s2_l1c_13band_svn_" + date;
    }

    /** Copies the 5 samples (rasters and sidecars) into {@code folder}. */
    static void copySamples(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (String date : DATES) {
            for (String ext : List.of(".tif", ".json")) {
                Files.copy(SAMPLES.resolve(id(date) + ext), folder.resolve(id(date) + ext));
            }
        }
    }

    /** A copy of a sample under another name: same grid and date (sidecar copied too). */
    static void duplicate(Path folder, String date, String name) throws IOException {
        Files.copy(SAMPLES.resolve(id(date) + ".tif"), folder.resolve(name + ".tif"));
        Files.copy(SAMPLES.resolve(id(date) + ".json"), folder.resolve(name + ".json"));
    }

    /** The first sample at half resolution over the same extent, dated by its name. */
    static void halfResolution(Path folder, String name) {
        Raster in = read(DATES.get(0));
        int w = in.width() / 2;
        int h = in.height() / 2;
        float[][] bands = Resampling.resize(in.bands(), in.width(), in.height(), w, h,
                Resampling.Method.AVERAGE);
        GeoTransform t = in.transform();
        GeoTransform coarse = new GeoTransform(t.originX(), t.pixelWidth() * in.width() / w, 0,
                t.originY(), 0, t.pixelHeight() * in.height() / h);
        Raster out = new Raster(w, h, in.bandNames(), bands, coarse, in.crsWkt(), in.noData());
        GdalRasters.writeCog(out, folder.resolve(name + ".tif").toString(), Storage.local(),
                RasterDataType.FLOAT32);
    }

    /** The top-left 50 × 50 pixels of the first sample: another extent, dated by its name. */
    static void cropped(Path folder, String name) {
        Raster in = read(DATES.get(0));
        int side = 50;
        float[][] bands = new float[in.bandCount()][side * side];
        for (int b = 0; b < in.bandCount(); b++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(in.bands()[b], y * in.width(), bands[b], y * side, side);
            }
        }
        Raster out = new Raster(side, side, in.bandNames(), bands, in.transform(), in.crsWkt(),
                in.noData());
        GdalRasters.writeCog(out, folder.resolve(name + ".tif").toString(), Storage.local(),
                RasterDataType.FLOAT32);
    }

    /**
     * Runs {@code catalog} on {@code input}, then puts every tile into the samples' sequence (a
     * hand-edited catalogue, as the scanner keys sequences by grid); returns the sequence id.
     */
    static String catalogue(Path input, Path catalog) {
        Path scanned = catalog.resolveSibling(catalog.getFileName() + "-scanned");
        scan(input, scanned);
        Dataset<Row> rows = TestSpark.session().read().parquet(scanned.toString());
        String sequence = rows.filter(functions.col("id").equalTo(id(DATES.get(0))))
                .select("sequence_id").first().getString(0);
        rows.withColumn("sequence_id", functions.lit(sequence)).write().mode(SaveMode.Overwrite)
                .parquet(catalog.toString());
        return sequence;
    }

    /** Runs {@code catalog} on {@code input}: the samples form one sequence by themselves. */
    static void scan(Path input, Path catalog) {
        assertEquals(0, Main.run("catalog", "--input", input.toString(), "--output",
                catalog.toString()));
    }

    static Raster read(String date) {
        return GdalRasters.read(id(date), SAMPLES.resolve(id(date) + ".tif").toString(),
                Storage.local());
    }
}
