package diffusionsat.io.catalog;

import diffusionsat.io.raster.Radiometry;
import java.io.Serializable;
import java.util.List;

/**
 * What the configuration says of one collection ({@code catalog.collections}), for rasters and
 * items that do not say it themselves.
 *
 * @param bands band names in file order for rasters without band names; empty when not given
 * @param radiometry how the collection stores its values; null when not given
 */
public record CollectionProfile(List<String> bands, Radiometry radiometry)
        implements Serializable {
    public CollectionProfile {
        bands = List.copyOf(bands);
    }
}
