package diffusionsat.superres;

import diffusionsat.sampling.SamplingInfo;

/**
 * A resolver that runs another one (the fixed-window model) and reports it as itself: name,
 * input channels, steps and guidance are the wrapped model's.
 */
abstract class ForwardingSuperResolver implements SuperResolver {
    /** The wrapped model. */
    protected final SuperResolver model;

    ForwardingSuperResolver(SuperResolver model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.name();
    }

    @Override
    public InputChannels inputChannels() {
        return model.inputChannels();
    }

    @Override
    public SamplingInfo sampling() {
        return model.sampling();
    }
}
