package diffusionsat.spark;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Whether DJL's CUDA probe may speak. DJL probes CUDA whenever libtorch loads, for the CPU as
 * well (0.36's Platform.fromSystem calls CudaUtils.getGpuCount, no setting skips it), and on a
 * machine with a CUDA runtime but no usable driver it warns "CUDA driver version is
 * insufficient" on every CPU run. conf/log4j2.properties keeps the probe at ERROR; a task that
 * asks for a GPU turns its warnings back on, because there that line is the cause a user needs.
 */
final class CudaProbeLog {
    static final String LOGGER = "ai.djl.util.cuda.CudaUtils";

    private CudaProbeLog() {}

    /** Lets the probe's warnings through from now on in this JVM. */
    static void showForGpu() {
        Configurator.setLevel(LOGGER, Level.WARN);
    }
}
