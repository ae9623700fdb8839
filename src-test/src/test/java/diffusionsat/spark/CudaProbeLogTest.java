package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.ConfigException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DJL's CUDA probe stays quiet on CPU runs and speaks where a GPU is asked for. */
class CudaProbeLogTest {
    @AfterEach
    void quietAgain() {
        Configurator.setLevel(CudaProbeLog.LOGGER, Level.ERROR);
    }

    @Test
    void theCpuKeepsTheProbeQuiet() {
        Configurator.setLevel(CudaProbeLog.LOGGER, Level.ERROR);

        ExecutorModels.taskDevice(ModelConfig.DeviceChoice.CPU);
        ExecutorModels.taskDevice(ModelConfig.DeviceChoice.AUTO);

        assertEquals(Level.ERROR, LogManager.getLogger(CudaProbeLog.LOGGER).getLevel(),
                "no GPU asked for (outside a task, auto means the CPU)");
    }

    @Test
    void askingForAGpuLetsTheProbeWarn() {
        Configurator.setLevel(CudaProbeLog.LOGGER, Level.ERROR);

        try {
            ExecutorModels.taskDevice(ModelConfig.DeviceChoice.GPU);
        } catch (ConfigException noGpuHere) {
            assertTrue(noGpuHere.getMessage().startsWith("configuration model.device = gpu"),
                    noGpuHere.getMessage());
        }

        assertEquals(Level.WARN, LogManager.getLogger(CudaProbeLog.LOGGER).getLevel());
    }
}
