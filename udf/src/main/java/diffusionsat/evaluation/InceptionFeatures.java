package diffusionsat.evaluation;

import java.io.Serializable;

/**
 * What the FID Inception-v3 gives for one image.
 *
 * @param pool the {@link InceptionMetric#POOL_WIDTH} pool features FID compares
 * @param logits the class logits (1008 for the FID weights) the Inception Score uses
 */
public record InceptionFeatures(float[] pool, float[] logits) implements Serializable {}
