package diffusionsat.job.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.superres.SuperResolutionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layering defaults < files < --set, and errors that name the key before anything runs. */
class ConfigLoaderTest {

    @Test
    void laterLayersWin(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.yaml"), "superres:\n  scale: 2\n  wald: false\n");
        Path second = Files.writeString(dir.resolve("b.yaml"), "superres:\n  scale: 3\n");
        Settings s = ConfigLoader.load(List.of(first, second), List.of("io.radiometry=digital-numbers"));
        SuperResolutionSettings superres = JobConfigs.superres(s, "out/tiles");
        assertAll(
                () -> assertEquals(3, superres.scale()),
                () -> assertEquals(false, superres.wald()),
                () -> assertEquals(Radiometry.DIGITAL_NUMBERS, superres.radiometry()),
                () -> assertEquals(0.05, RunConfig.from(s).maxFailedFraction()));
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey(@TempDir Path dir) throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "superres:\n  scael: 2\n");
        ConfigException inFile = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(List.of(typo), List.of()));
        ConfigException badValue = assertThrows(ConfigException.class, () -> JobConfigs.superres(
                ConfigLoader.load(List.of(), List.of("superres.scale=0")), "t"));
        ConfigException badChoice = assertThrows(ConfigException.class, () -> JobConfigs.superres(
                ConfigLoader.load(List.of(), List.of("superres.model=nearest")), "t"));
        ConfigException noEquals = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(List.of(), List.of("superres.scale")));
        assertAll(
                () -> assertTrue(inFile.getMessage().contains("superres.scael")),
                () -> assertTrue(badValue.getMessage().contains("superres.scale")),
                () -> assertTrue(badChoice.getMessage().contains("bicubic, diffusionsat")),
                () -> assertTrue(noEquals.getMessage().contains("key=value")));
    }

    @Test
    void s3SettingsBecomeHadoopKeys() {
        Settings s = ConfigLoader.load(List.of(), List.of("s3a.endpoint=http://127.0.0.1:9000",
                "s3a.pathStyleAccess=true", "s3a.accessKey=a", "s3a.secretKey=b"));
        StorageConfig storage = StorageConfig.from(s);
        assertAll(
                () -> assertEquals("http://127.0.0.1:9000", storage.hadoopSettings().get("fs.s3a.endpoint")),
                () -> assertEquals("true", storage.hadoopSettings().get("fs.s3a.path.style.access")),
                () -> assertEquals("a", storage.hadoopSettings().get("fs.s3a.access.key")),
                () -> assertTrue(storage.magicCommitter()));
        assertThrows(ConfigException.class, () -> StorageConfig.from(
                ConfigLoader.load(List.of(), List.of("s3a.accessKey=a"))));
    }
}
