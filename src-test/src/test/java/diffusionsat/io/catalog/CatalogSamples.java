package diffusionsat.io.catalog;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small real catalogue for writer tests: the 5 dated Sentinel-2 scenes (2015, UTM 33N) and the
 * Joplin pre/post pair (EPSG:4326, no date, no cloud cover) of shared/data.
 */
final class CatalogSamples {
    /** Column names in schema order, as DESIGN.md §2 and {@link CatalogColumns} give them. */
    static final List<String> COLUMNS = List.of("id", "collection", "sequence_id",
            "datetime", "year", "href", "target_href", "bands", "gsd", "eo:cloud_cover", "lon",
            "lat", "proj:epsg", "bbox", "geometry", "caption", "mask_href", "width", "height",
            "proj:wkt2", "proj:transform", "radiometry");

    private CatalogSamples() {}

    /** Copies the samples into {@code folder} and scans them: 7 tiles. */
    static List<TileRecord> scanInto(Path folder) throws IOException {
        Path s2 = Fixtures.data().resolve("sentinel2");
        for (String date : List.of("20150711", "20150731", "20150820", "20150830", "20150909")) {
            String name = "s2_l1c_13band_svn_" + date + ".tif";
            Files.copy(s2.resolve(name), folder.resolve(name));
        }
        Path joplin = Fixtures.data().resolve("xbd_style/joplin/geotiff");
        for (String when : List.of("pre", "post")) {
            String name = "joplin-tornado_00000000_" + when + "_disaster.tif";
            Files.copy(joplin.resolve(name), folder.resolve(name));
        }
        return new CatalogScanner().scan(folder.toString(), Storage.local()).tiles();
    }
}
