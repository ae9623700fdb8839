package diffusionsat.bench;

import diffusionsat.io.raster.Gdal;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.JobReport;
import diffusionsat.job.RunFolder;
import diffusionsat.job.SparkSessions;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.config.Settings;
import diffusionsat.job.config.StorageConfig;
import diffusionsat.job.superres.SuperResolutionJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;

/**
 * Scale of the {@code superres} job on one synthetic scene of N × N px, 13 bands (the bundled
 * real tile repeated): wall time, time per output megapixel and the JVM's peak resident memory
 * (VmHWM), one scene per JVM so the peak is the job's.
 *
 * <p>Usage (benchmarks/scene-scale.sh runs the table): {@code scripts/benchmark.sh
 * SceneScaleBenchmark build <N> <scene.tif> [<source.tif>]} writes the scene; {@code ... run <scene.tif> <work>
 * [--set key=value]...} super-resolves it and prints one Markdown table row.
 */
public final class SceneScaleBenchmark {
    private static final Path TILE = Path.of("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");

    private SceneScaleBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args[0].equals("build")) {
            build(Integer.parseInt(args[1]), Path.of(args[2]),
                    args.length > 3 ? Path.of(args[3]) : TILE);
        } else {
            List<String> overrides = new ArrayList<>();
            for (int i = 3; i + 1 < args.length; i += 2) { // --set key=value pairs
                overrides.add(args[i + 1]);
            }
            run(Path.of(args[1]), Path.of(args[2]), overrides);
        }
    }

    /**
     * An N × N scene as an uncompressed tiled GeoTIFF: a VRT repeating {@code source} (each copy
     * a simple source), translated by GDAL block by block. A VRT reads every source for every
     * block, so large scenes repeat a 1000 px scene rather than the 100 px tile.
     */
    private static void build(int size, Path scene, Path source) throws IOException {
        Gdal.ensureRegistered();
        Dataset tile = gdal.Open(source.toAbsolutePath().toString());
        int w = tile.GetRasterXSize();
        int h = tile.GetRasterYSize();
        double[] gt = tile.GetGeoTransform();
        StringBuilder vrt = new StringBuilder(String.format(Locale.ROOT,
                "<VRTDataset rasterXSize=\"%d\" rasterYSize=\"%d\"><SRS>%s</SRS>"
                        + "<GeoTransform>%.17g,%.17g,0,%.17g,0,%.17g</GeoTransform>", size, size,
                tile.GetProjectionRef().replace("&", "&amp;").replace("<", "&lt;")
                        .replace(">", "&gt;").replace("\"", "&quot;"), gt[0], gt[1], gt[3],
                gt[5]));
        for (int b = 1; b <= tile.GetRasterCount(); b++) {
            vrt.append(String.format(Locale.ROOT, "<VRTRasterBand dataType=\"Float32\" band=\"%d\">"
                    + "<Description>%s</Description>", b, tile.GetRasterBand(b).GetDescription()));
            for (int y = 0; y < size; y += h) {
                for (int x = 0; x < size; x += w) {
                    vrt.append(String.format(Locale.ROOT, "<SimpleSource><SourceFilename>%s"
                            + "</SourceFilename><SourceBand>%d</SourceBand><SrcRect xOff=\"0\" "
                            + "yOff=\"0\" xSize=\"%d\" ySize=\"%d\"/><DstRect xOff=\"%d\" "
                            + "yOff=\"%d\" xSize=\"%d\" ySize=\"%d\"/></SimpleSource>",
                            source.toAbsolutePath(), b, w, h, x, y, w, h));
                }
            }
            vrt.append("</VRTRasterBand>");
        }
        vrt.append("</VRTDataset>");
        tile.delete();
        Path vrtFile = Files.createTempFile("scene-", ".vrt");
        Files.writeString(vrtFile, vrt.toString());
        Dataset mosaic = gdal.Open(vrtFile.toString());
        Dataset out = gdal.Translate(scene.toString(), mosaic, new TranslateOptions(new Vector<>(
                List.of("-co", "TILED=YES", "-co", "INTERLEAVE=BAND", "-co", "BIGTIFF=IF_SAFER"))));
        out.delete();
        mosaic.delete();
        Files.delete(vrtFile);
    }

    private static void run(Path scene, Path work, List<String> overrides) throws IOException {
        List<String> keys = new ArrayList<>(List.of("s3a.committer=file",
                "job.progressIntervalSeconds=60", "superres.wald=false"));
        keys.addAll(overrides);
        Settings settings = ConfigLoader.load(List.of(), keys);
        Storage storage = Storage.local();
        RunFolder folder = new RunFolder(work.resolve("out").toString(), "superres", "scale");
        SparkSession spark = SparkSessions.create("scene-scale", "local[2]",
                StorageConfig.from(settings));
        String catalog = work.resolve("catalog").toString();
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add("lon", DataTypes.DoubleType)
                .add("lat", DataTypes.DoubleType).add("gsd", DataTypes.DoubleType)
                .add("datetime", DataTypes.TimestampType);
        spark.createDataFrame(List.of(RowFactory.create("scene", scene.toAbsolutePath()
                .toString(), 14.56, 45.87, 10.0, Timestamp.from(Instant.parse(
                        "2015-07-11T10:00:08Z")))), schema).write().parquet(catalog);
        long start = System.nanoTime();
        JobReport report;
        try {
            report = new SuperResolutionJob(catalog, Optional.empty(), folder,
                    RunConfig.from(settings), JobConfigs.superres(settings, folder.tiles()),
                    storage).run(spark);
        } finally {
            spark.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path output = Path.of(folder.tiles(), "scene.tif");
        Dataset cog = gdal.Open(output.toString());
        long outputPixels = (long) cog.GetRasterXSize() * cog.GetRasterYSize();
        String type = gdal.GetDataTypeName(cog.GetRasterBand(1).getDataType());
        String size = cog.GetRasterXSize() + " x " + cog.GetRasterYSize();
        cog.delete();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.3f | %.0f | %.2f |%n",
                scene.getFileName(), size, type, report.ok(), seconds,
                seconds / (outputPixels / 1e6), peakRssMb(), Files.size(output) / 1e9);
    }

    /** The JVM's peak resident set (VmHWM), in MB. */
    private static double peakRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
