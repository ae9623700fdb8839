package diffusionsat.inpaint;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.storage.Storage;

/**
 * A date's cloud mask on its image's grid: a band whose values &gt; 0 mark cloud (the
 * Sentinel Hub CLM convention, 1 = cloud); nodata (NaN) counts as clear, so such pixels keep
 * what was observed.
 */
final class CloudMask {
    private final boolean[] cloudy;

    private CloudMask(boolean[] cloudy) {
        this.cloudy = cloudy;
    }

    /**
     * Reads the mask of {@code request}: {@code settings.maskTemplate()} with {@code {id}}
     * replaced, else the catalogue's {@code mask_href} (relative to the catalogue).
     *
     * @throws TileException when there is no mask, it cannot be read, lacks the band, or does
     *     not lie on {@code image}'s grid
     */
    static CloudMask read(InpaintRequest request, InpaintSettings settings, Storage storage,
            String catalogUri, Raster image) {
        String id = request.id();
        String uri;
        if (!settings.maskTemplate().isBlank()) {
            uri = settings.maskTemplate().replace("{id}", id);
        } else if (request.maskHref() != null && !request.maskHref().isBlank()) {
            uri = storage.resolve(catalogUri, request.maskHref());
        } else {
            throw new TileException(id, "no cloud mask: the catalogue has no mask_href and"
                    + " inpaint.cloudMask is not set");
        }
        Raster mask = GdalRasters.read(id, uri, storage);
        if (settings.maskBand() > mask.bands().length) {
            throw new TileException(id, "cloud mask " + uri + " has " + mask.bands().length
                    + " bands; inpaint.maskBand is " + settings.maskBand());
        }
        PixelGrid.of(image).requireSameGrid(id, "cloud mask " + uri, PixelGrid.of(mask),
                "image " + id);
        float[] band = mask.bands()[settings.maskBand() - 1];
        boolean[] cloudy = new boolean[band.length];
        for (int i = 0; i < band.length; i++) {
            cloudy[i] = band[i] > 0; // false for NaN
        }
        return new CloudMask(cloudy);
    }

    /** The share of cloudy pixels. */
    double cloudFraction() {
        int count = 0;
        for (boolean c : cloudy) {
            count += c ? 1 : 0;
        }
        return count / (double) cloudy.length;
    }

    /** Copies {@code generated} into {@code observed} at the cloudy pixels only. */
    void fill(float[][] observed, float[][] generated) {
        for (int c = 0; c < observed.length; c++) {
            for (int i = 0; i < cloudy.length; i++) {
                if (cloudy[i] && !Float.isNaN(generated[c][i])) { // NaN: outside the image
                    observed[c][i] = generated[c][i];
                }
            }
        }
    }
}
