package diffusionsat.superres;

import diffusionsat.io.raster.BandNames;
import diffusionsat.spark.TileRef;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue's band names for a file that names none, where the catalogue has them from its
 * collection's configuration ({@code catalog.collections}) for as many bands as the file has.
 */
final class CatalogueBandNames {
    private CatalogueBandNames() {}

    /** The names to read {@code tile}'s file by, or empty to keep the file's own. */
    static Optional<List<String>> of(TileRef tile, List<String> fileNames) {
        if (!BandNames.allUnnamed(fileNames) || tile.bands().isEmpty()
                || BandNames.allUnnamed(tile.bands()) || tile.bands().size() != fileNames.size()) {
            return Optional.empty();
        }
        return Optional.of(tile.bands());
    }
}
