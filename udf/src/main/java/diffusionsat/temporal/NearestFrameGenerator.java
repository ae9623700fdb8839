package diffusionsat.temporal;

import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.SamplerConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The persistence baseline of temporal prediction: the output is the conditioning frame nearest
 * in time to the target (ties: the earlier), resized to the output side. It runs where no model
 * does and gives the summaries a reference row, as bicubic does for super-resolution.
 *
 * <p>Dates come back from the normalised metadata by upstream's {@code metadata_unnormalize}
 * (year = v·120/1000 + 1980, month = v·12/1000, day = v·31/1000, rounded).
 */
public final class NearestFrameGenerator implements ConditionalGenerator {
    private static final int YEAR = 4;
    private static final int MONTH = 5;
    private static final int DAY = 6;

    private final int frames;
    private final int size;

    /**
     * @param frames T, the frames each request brings
     * @param size the conditioning and output side in pixels
     */
    public NearestFrameGenerator(int frames, int size) {
        this.frames = frames;
        this.size = size;
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int channels() {
        return 3;
    }

    @Override
    public int conditioningSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    /** Each request is answered on its own: there is no network to batch. */
    @Override
    public boolean batchInvariant(SamplerConfig sampler) {
        return true;
    }

    @Override
    public List<float[][]> generate(List<ConditionalRequest> requests, SamplerConfig sampler) {
        List<float[][]> out = new ArrayList<>();
        for (ConditionalRequest request : requests) {
            long target = epochDay(request.targetMetadata());
            int best = 0;
            for (int t = 1; t < request.frames().length; t++) {
                if (Math.abs(epochDay(request.frameMetadata()[t]) - target)
                        < Math.abs(epochDay(request.frameMetadata()[best]) - target)) {
                    best = t;
                }
            }
            out.add(Planes.resize(request.frames()[best], request.condWidth(),
                    request.condHeight(), size, size));
        }
        return out;
    }

    private static long epochDay(float[] metadata) {
        int year = (int) Math.round(metadata[YEAR] * 120.0 / 1000) + 1980;
        int month = (int) Math.round(metadata[MONTH] * 12.0 / 1000);
        int day = (int) Math.round(metadata[DAY] * 31.0 / 1000);
        return LocalDate.of(year, month, day).toEpochDay();
    }
}
