package diffusionsat.io.storage;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.testing.CountingProxy;
import diffusionsat.testing.S3Server;
import diffusionsat.testing.SceneRasters;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rasters on S3 are read by range requests through GDAL's /vsis3/, configured from the S3A
 * settings alone: a window of three bands of a 1000 × 1010 × 13 scene on the loopback S3 server
 * downloads a small fraction of the file, counted at a relay in front of the server.
 */
class GdalPathIT {
    private static final List<String> RGB = List.of("B04", "B03", "B02");

    @TempDir
    Path dir;

    @Test
    void aWindowOfAnS3SceneDownloadsOnlyItsBlocks() throws Exception {
        S3Server s3 = S3Server.get();
        s3.createBucket("range-reads");
        Path scene = SceneRasters.mosaic(dir.resolve("scene.tif"), 10, 10);
        long fileSize = Files.size(scene);
        Storage.of(s3.hadoopSettings()).publish(scene, "s3a://range-reads/scene.tif");

        try (CountingProxy relay = new CountingProxy(URI.create(s3.endpoint()).getPort())) {
            Map<String, String> viaRelay = new HashMap<>(s3.hadoopSettings());
            viaRelay.put("fs.s3a.endpoint", relay.endpoint());
            RasterWindow window = new RasterWindow(300, 400, 256, 256);
            Raster remote;
            try (RasterReader reader = RasterReader.open("scene", "s3a://range-reads/scene.tif",
                    Storage.of(viaRelay))) {
                remote = reader.read(window, RGB);
            }
            Raster local;
            try (RasterReader reader = RasterReader.open("scene", scene.toString(),
                    Storage.local())) {
                local = reader.read(window, RGB);
            }
            long downloaded = relay.downloaded();
            assertAll(
                    () -> assertArrayEquals(local.bands(), remote.bands()),
                    () -> assertArrayEquals(local.transform().toGdal(),
                            remote.transform().toGdal()),
                    () -> assertTrue(downloaded > 3 * 256 * 256 * 4,
                            "at least the window's pixels came: " + downloaded),
                    () -> assertTrue(downloaded < fileSize / 10, "downloaded " + downloaded
                            + " bytes of a " + fileSize + "-byte file"));
        }
    }
}
