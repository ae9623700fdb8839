package diffusionsat.sampling;

import java.util.List;

/**
 * A {@link ControlNetPipeline} as one run's {@link ConditionalGenerator}: items are seeded from
 * the run seed and their ids, so outputs survive retries, repartitioning and batching (STYLE.md
 * §3.6). Cheap: the weights stay with the pipeline.
 */
record SeededGenerator(ControlNetPipeline pipeline, TileSeeds seeds)
        implements ConditionalGenerator {

    @Override
    public int frames() {
        return pipeline.shape().frames();
    }

    @Override
    public int channels() {
        return pipeline.shape().channels();
    }

    @Override
    public int conditioningSize() {
        return pipeline.shape().conditioningSize();
    }

    @Override
    public int outputSize() {
        return pipeline.shape().outputSize();
    }

    @Override
    public List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler) {
        return pipeline.generate(requests, sampler, seeds::forTile);
    }

    @Override
    public boolean batchInvariant(SamplerConfig sampler) {
        return pipeline.batchInvariant(sampler);
    }
}
