package diffusionsat.generate;

import diffusionsat.sampling.SamplerConfig;
import diffusionsat.spark.ModelConfig;
import java.io.Serializable;

/**
 * What the {@code generate} job's partitions need, validated once on the driver.
 *
 * @param runSeed seeds each item's noise together with its id
 * @param imagesFolder where the PNGs and their JSON sidecars go
 */
public record GenerationSettings(ModelConfig model, SamplerConfig sampler, long runSeed,
        String imagesFolder) implements Serializable {}
