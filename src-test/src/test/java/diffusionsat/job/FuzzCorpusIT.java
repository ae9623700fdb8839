package diffusionsat.job;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.cli.Main;
import diffusionsat.testing.Fixtures;
import diffusionsat.testing.TestRasters;
import diffusionsat.testing.TestSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.Vector;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded corpus of a few hundred damaged and unusual files built from the real Sentinel-2
 * samples (issue 13): truncations at many offsets, random byte edits in headers and pixel data,
 * random tag and georeference edits, wrong band counts and types, long, hidden, dot-only,
 * non-ASCII and non-UTF-8 names, links. {@code catalog} and {@code superres} (bicubic, scale 2)
 * must never crash or exit 3; every file must end as exactly one result row or one rejection,
 * each with a cause; the unmodified copies must be ok; failed tiles leave no output; nothing is
 * written outside the output folders.
 */
class FuzzCorpusIT {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    private static final List<String> DATES = List.of("20150711", "20150731", "20150820",
            "20150830", "20150909");
    private static final long SEED = 13;

    @TempDir
    Path dir;

    @Test
    void everyFileEndsAsOneRowOrOneRejectionAndNothingCrashes() throws Exception {
        Path corpus = Files.createDirectories(dir.resolve("corpus"));
        List<String> good = buildCorpus(corpus, new Random(SEED));
        Map<String, Long> corpusBefore = snapshot(corpus);
        List<String> files = rasterFiles(corpus);

        ScanResult scan = new CatalogScanner().scan(corpus.toString(), Storage.local());
        String catalog = dir.resolve("catalog").toString();
        int catalogExit = Main.run("catalog", "--input", corpus.toString(), "--output", catalog);
        int superresExit = Main.run("superres", "--catalog", catalog, "--output",
                dir.resolve("out").toString(), "--run-id", "fuzz", "--master", "local[2]",
                "--set", "superres.scale=2", "--set", "s3a.committer=file");

        Map<String, String> idByFile = scan.tiles().stream()
                .collect(Collectors.toMap(TileRecord::href, TileRecord::id));
        Map<String, Long> rejections = scan.failures().stream()
                .collect(Collectors.groupingBy(ScanFailure::uri, Collectors.counting()));
        List<Row> rows = TestSpark.session().read()
                .parquet(dir.resolve("out/superres/fuzz/results").toString()).collectAsList();
        Map<String, List<Row>> rowsById = rows.stream()
                .collect(Collectors.groupingBy(r -> r.getAs("id")));
        Set<String> written = fileNames(dir.resolve("out/superres/fuzz/tiles"));
        Set<String> expectedWritten = rows.stream().filter(r -> "ok".equals(r.getAs("status")))
                .flatMap(r -> Stream.of(".tif", ".json")     // the COG and its record
                        .map(suffix -> OutputNames.fileName(r.getAs("id"), suffix)))
                .collect(Collectors.toSet());
        List<String> unaccounted = new ArrayList<>();
        for (String file : files) {
            int outcomes = rejections.getOrDefault(file, 0L).intValue()
                    + (idByFile.containsKey(file)
                            ? rowsById.getOrDefault(idByFile.get(file), List.of()).size() : 0);
            if (outcomes != 1) {
                unaccounted.add(file + " (" + outcomes + " outcomes)");
            }
        }
        long failed = rows.stream().filter(r -> "failed".equals(r.getAs("status"))).count();
        assertAll(
                () -> assertTrue(files.size() >= 200, files.size() + " files"),
                () -> assertEquals(0, catalogExit),
                () -> assertTrue(superresExit == 0 || superresExit == 1,
                        "superres exit " + superresExit + " (3 is a crash)"),
                () -> assertEquals(List.of(), unaccounted),
                () -> assertEquals(scan.tiles().size(), rows.size(), "one row per tile"),
                () -> scan.failures().forEach(f -> assertFalse(f.cause().isBlank(), f.uri())),
                () -> rows.stream().filter(r -> "failed".equals(r.getAs("status")))
                        .forEach(r -> assertFalse(((String) r.getAs("error_message")).isBlank(),
                                (String) r.getAs("id"))),
                () -> good.forEach(id -> assertEquals("ok", rowsById.get(id).get(0)
                        .getAs("status"), id)),
                () -> assertTrue(failed > 0 && !scan.failures().isEmpty(), "the corpus bites"),
                () -> assertEquals(expectedWritten, written, "tiles/ holds the ok outputs and records only"),
                () -> assertEquals(corpusBefore, snapshot(corpus), "the input is untouched"),
                () -> assertEquals(Set.of("corpus", "catalog", "out"), fileNames(dir),
                        "nothing outside the output folders"));
    }

    /** Writes the corpus; returns the ids of the unmodified copies. */
    private static List<String> buildCorpus(Path corpus, Random random) throws Exception {
        Gdal.ensureRegistered();
        List<String> good = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        for (String date : DATES) {
            Path sample = SAMPLES.resolve("s2_l1c_13band_svn_" + date + ".tif");
            originals.add(Files.readAllBytes(sample));
            Files.copy(sample, corpus.resolve("good_" + date + ".tif"));
            good.add("good_" + date);
        }
        for (int i = 0; i < 60; i++) {                         // truncations
            int s = i % originals.size();
            byte[] bytes = originals.get(s);
            int length = i < 10 ? new int[] {0, 1, 4, 8, 16, 64, 200, 512, 1024, 4096}[i]
                    : 1 + random.nextInt(bytes.length - 1);
            Files.write(corpus.resolve(name("trunc", i, s)), Arrays.copyOf(bytes, length));
        }
        for (int i = 0; i < 70; i++) {                         // header byte edits
            int s = i % originals.size();
            byte[] bytes = originals.get(s).clone();
            for (int k = 0, n = 1 + random.nextInt(6); k < n; k++) {
                bytes[random.nextInt(2048)] = (byte) random.nextInt(256);
            }
            Files.write(corpus.resolve(name("header", i, s)), bytes);
        }
        for (int i = 0; i < 50; i++) {                         // pixel data byte edits
            int s = i % originals.size();
            byte[] bytes = originals.get(s).clone();
            for (int k = 0, n = 1 + random.nextInt(20); k < n; k++) {
                bytes[2048 + random.nextInt(bytes.length - 2048)] = (byte) random.nextInt(256);
            }
            Files.write(corpus.resolve(name("data", i, s)), bytes);
        }
        for (int i = 0; i < 24; i++) {                         // tag and georeference edits
            int s = i % originals.size();
            Path file = corpus.resolve(name("tags", i, s));
            Files.write(file, originals.get(s));
            editTags(file, random);
        }
        Raster sample = GdalRasters.read("s", SAMPLES.resolve("s2_l1c_13band_svn_20150711.tif")
                .toString(), Storage.local());
        int[] bandCounts = {1, 3, 4, 12, 14};
        for (int i = 0; i < bandCounts.length; i++) {          // wrong band counts
            TestRasters.write(bands(sample, bandCounts[i]), corpus.resolve(name("bands", i, 0)));
        }
        String[] types = {"Byte", "UInt16", "Int16", "Int32", "Float64", "CFloat32"};
        for (int i = 0; i < types.length; i++) {               // other pixel types
            translate(SAMPLES.resolve("s2_l1c_13band_svn_20150711.tif"),
                    corpus.resolve(name("type-" + types[i], i, 0)), "-ot", types[i]);
        }
        TestRasters.write(TestRasters.crop(sample, 1, 1), corpus.resolve(name("tiny", 0, 0)));
        TestRasters.write(TestRasters.crop(sample, 3, 2), corpus.resolve(name("tiny", 1, 0)));
        TestRasters.hugeHeader(corpus.resolve(name("huge", 0, 0)));
        Path good0 = corpus.resolve("good_20150711.tif");
        Files.copy(good0, corpus.resolve("long_20150711_" + "x".repeat(200) + ".tif"));
        Files.copy(good0, corpus.resolve("caf\u00e9_\u6771\u4eac_20150711.tif"));
        Files.copy(good0, corpus.resolve(".hidden_20150711.tif"));
        Files.copy(good0, corpus.resolve("...tif"));
        Files.copy(good0, corpus.resolve("upper_20150711.TIFF"));
        Files.createSymbolicLink(corpus.resolve("link_20150711.tif"), good0);
        Files.createSymbolicLink(corpus.resolve("dangling_20150711.tif"),
                corpus.resolve("absent.tif"));
        Process cp = new ProcessBuilder("sh", "-c",
                "cp good_20150711.tif \"$(printf 'latin\\351_20150711.tif')\"")
                .directory(corpus.toFile()).inheritIO().start();
        assertEquals(0, cp.waitFor());
        return good;
    }

    private static String name(String kind, int i, int sample) {
        return kind + "_" + i + "_" + DATES.get(sample) + ".tif";
    }

    /** Random metadata, band description, nodata and georeference edits in place. */
    private static void editTags(Path file, Random random) {
        String[] values = {"", "abc", "NaN", "-5", "1e308", "2015-13-45T99:99:99Z", "\u00e9\u6771",
            "9".repeat(400)};
        Dataset dataset = gdal.Open(file.toString(), gdalconstConstants.GA_Update);
        try {
            for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                String value = values[random.nextInt(values.length)];
                switch (random.nextInt(6)) {
                    case 0 -> dataset.SetMetadataItem("TIFFTAG_DATETIME", value);
                    case 1 -> dataset.SetMetadataItem("CLOUD_COVER", value);
                    case 2 -> dataset.GetRasterBand(1 + random.nextInt(dataset.GetRasterCount()))
                            .SetDescription(value);
                    case 3 -> dataset.GetRasterBand(1).SetNoDataValue(new double[] {Double.NaN,
                        0, -1e38, 1e38}[random.nextInt(4)]);
                    case 4 -> dataset.SetGeoTransform(new double[][] {{0, 1, 0, 0, 0, 1},
                        {465181, 10, 3, 5080254, 0, -10}, {465181, 10, 0, 5080254, 0, -30},
                        {465181, 0, 0, 5080254, 0, 0}, {1e300, 10, 0, -1e300, 0, -10}}
                            [random.nextInt(5)]);
                    default -> dataset.SetProjection(random.nextBoolean() ? "" : "LOCAL_CS[\"x\"]");
                }
            }
        } finally {
            dataset.delete();
        }
    }

    private static Raster bands(Raster sample, int count) {
        float[][] planes = new float[count][];
        List<String> names = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            planes[b] = sample.bands()[b % sample.bandCount()];
            names.add("band " + (b + 1));
        }
        return new Raster(sample.width(), sample.height(), names, planes, sample.transform(),
                sample.crsWkt(), sample.noData());
    }

    private static void translate(Path source, Path target, String... options) {
        Dataset in = gdal.Open(source.toString());
        Dataset out = gdal.Translate(target.toString(), in,
                new TranslateOptions(new Vector<>(List.of(options))));
        out.delete();
        in.delete();
    }

    /** Raster files of the corpus as the scan names them (links included, sidecars not). */
    private static List<String> rasterFiles(Path corpus) throws IOException {
        try (Stream<Path> paths = Files.list(corpus)) {
            return paths.map(Path::toString).filter(p -> p.toLowerCase().matches(".*\\.tiff?"))
                    .sorted().toList();
        }
    }

    private static Map<String, Long> snapshot(Path folder) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.toList()) {
                // Links and undecodable names (Java cannot open them) count by their presence.
                sizes.put(path.getFileName().toString(), Files.isSymbolicLink(path)
                        || !Files.exists(path) ? -1
                        : Files.size(path) * 31 + Files.getLastModifiedTime(path).toMillis());
            }
        }
        return sizes;
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> paths = Files.list(folder)) {
            return paths.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
