package diffusionsat.job.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.ReflectanceEncoding;
import diffusionsat.superres.SceneSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** superres.chunkSize and superres.outputType as documented in defaults.yaml. */
class SceneSettingsConfigTest {

    @Test
    void defaultsChunkTheSceneAndKeepFloatsForBicubic() {
        SceneSettings scenes = scenes();
        assertAll(
                () -> assertEquals(2048, scenes.chunkSize()),
                () -> assertEquals(ReflectanceEncoding.FLOAT32, scenes.outputType()),
                () -> assertEquals("out/run/_chunks/a/3.tif", scenes.partUri("a", 3)));
    }

    @Test
    void outputTypesAreChosenByName() {
        assertAll(
                () -> assertEquals(ReflectanceEncoding.UINT16,
                        scenes("superres.outputType=uint16").outputType()),
                () -> assertEquals(ReflectanceEncoding.BYTE,
                        scenes("superres.outputType=byte").outputType()));
    }

    @Test
    void badValuesNameTheirKey() {
        ConfigException type = assertThrows(ConfigException.class,
                () -> scenes("superres.outputType=int8"));
        ConfigException chunk = assertThrows(ConfigException.class,
                () -> scenes("superres.chunkSize=10"));
        assertAll(
                () -> assertTrue(type.getMessage().contains("superres.outputType"),
                        type.getMessage()),
                () -> assertTrue(type.getMessage().contains("auto, float32, uint16, byte")),
                () -> assertTrue(chunk.getMessage().contains("superres.chunkSize"),
                        chunk.getMessage()));
    }

    private static SceneSettings scenes(String... overrides) {
        return JobConfigs.superres(ConfigLoader.load(List.of(), List.of(overrides)),
                "out/run/tiles").scenes();
    }
}
