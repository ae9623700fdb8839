package diffusionsat.inpaint;

import diffusionsat.io.TileException;
import diffusionsat.superres.TileMetrics;

/**
 * What became of one request.
 *
 * @param id the request's id
 * @param metrics the output against the real target image (xBD), or null
 * @param error the data problem that failed the request, or null when it is done
 */
public record InpaintOutcome(String id, TileMetrics metrics, TileException error) {
    static InpaintOutcome done(String id, TileMetrics metrics) {
        return new InpaintOutcome(id, metrics, null);
    }

    static InpaintOutcome failed(String id, TileException error) {
        return new InpaintOutcome(id, null, error);
    }
}
