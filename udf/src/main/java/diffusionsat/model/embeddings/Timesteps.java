package diffusionsat.model.embeddings;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.ops.Scope;

/**
 * diffusers {@code Timesteps} / {@code get_timestep_embedding} (embeddings.py;
 * DIFFUSIONSAT.md §1.2): the parameterless sinusoidal projection used for the diffusion timestep
 * and for each metadata value. With half = C/2 and k = 0..half−1: f_k = exp(−ln(10000)·k / (half
 * − freqShift)); the output is [sin(v·f_k)], [cos(v·f_k)] — cosines first when {@code
 * flipSinToCos}. Computed in float32 throughout, as torch does, whatever the model's type.
 */
public final class Timesteps {
    private static final double MAX_PERIOD = 10000;

    private final int channels;
    private final boolean flipSinToCos;
    private final float freqShift;

    /**
     * @param channels output width C ({@code block_out_channels[0]}); even
     * @param flipSinToCos put the cosines first
     * @param freqShift {@code downscale_freq_shift} ({@code freq_shift} in a UNet config)
     */
    public Timesteps(int channels, boolean flipSinToCos, float freqShift) {
        if (channels % 2 != 0) {
            throw new IllegalArgumentException("odd sinusoid width " + channels);
        }
        this.channels = channels;
        this.flipSinToCos = flipSinToCos;
        this.freqShift = freqShift;
    }

    /** The output width C. */
    public int channels() {
        return channels;
    }

    /**
     * @param values (N) timesteps or metadata values, any numeric type
     * @return (N, C) float32
     */
    public NDArray project(NDArray values) {
        return Scope.run(() -> {
            int half = channels / 2;
            NDManager manager = values.getManager();
            // exponent_k = (float32(−ln 10000) · k) / (half − shift), all in float32 like torch
            NDArray frequencies = manager.arange(0f, half, 1f, DataType.FLOAT32)
                    .mul((float) -Math.log(MAX_PERIOD))
                    .div(half - freqShift)
                    .exp(); // (half)
            NDArray arguments = values.toType(DataType.FLOAT32, false).reshape(-1, 1)
                    .mul(frequencies.reshape(1, half)); // (N, half)
            NDArray first = flipSinToCos ? arguments.cos() : arguments.sin();
            NDArray second = flipSinToCos ? arguments.sin() : arguments.cos();
            return first.concat(second, 1); // (N, C)
        });
    }
}
