package diffusionsat.spark;

import java.io.Serializable;

/**
 * What every output of one run shares in its record's provenance.
 *
 * @param checkpoint the model's checkpoint folder, or null for a model without one (bicubic)
 * @param outputType what the outputs hold (e.g. {@code superres.outputType}, or the job's kind)
 */
public record RunProvenance(String job, String runId, ModelConfig checkpoint, String outputType,
        String software) implements Serializable {}
