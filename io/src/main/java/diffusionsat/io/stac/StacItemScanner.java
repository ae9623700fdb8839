package diffusionsat.io.stac;

import diffusionsat.io.TileException;
import diffusionsat.io.catalog.CatalogScanner;
import diffusionsat.io.catalog.CollectionProfile;
import diffusionsat.io.catalog.Footprint;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;

/**
 * Turns one STAC Item into a catalogue row (the executor's part of a STAC scan): its bands by
 * identity, each band's header read with GDAL, a VRT stacking them onto the finest band's grid
 * ({@link ItemVrt}, the row's href), position from the Item's geometry, date, cloud cover and
 * collection from its properties. The row's radiometry is {@code reflectance}: the VRT applies
 * each band's rule. An Item without the model's 10 bands, or with an unusable asset, is
 * rejected with the cause.
 *
 * @param vrtFolder where the VRTs go: {@code <catalogue>/_stac}
 * @param defaultRadiometry {@code io.radiometry}: the rule for items that state none
 */
public record StacItemScanner(String vrtFolder, Map<String, CollectionProfile> profiles,
        Radiometry defaultRadiometry) implements Serializable {
    /** Sentinel-2 bands in the order a VRT stacks them (the L1C product's order). */
    public static final List<String> BAND_ORDER = List.of("B01", "B02", "B03", "B04", "B05",
            "B06", "B07", "B08", "B8A", "B09", "B10", "B11", "B12");

    public StacItemScanner {
        profiles = Map.copyOf(profiles);
    }

    /** The row of {@code source}, or its rejection. */
    public StacScanRow scan(StacItemSource source, Storage storage) {
        Gdal.ensureRegistered();
        try {
            return describe(source, storage);
        } catch (MalformedItemException e) {
            return StacScanRow.rejected(new ScanFailure(e.where(), e.itemId(), e.reason()));
        } catch (TileException e) {
            return StacScanRow.rejected(new ScanFailure(source.label(), null, e.getMessage()));
        }
    }

    private StacScanRow describe(StacItemSource source, Storage storage) {
        StacItem item = StacItem.parse(source, profiles, defaultRadiometry);
        List<String> missing = Sentinel2Preprocessing.CONTROLNET_BANDS.stream()
                .filter(band -> item.band(band) == null).toList();
        if (!missing.isEmpty()) {
            throw new MalformedItemException(source, item.id(), "missing assets for bands "
                    + missing + " (the item has " + item.bands().stream()
                            .map(BandAsset::band).toList() + ")");
        }
        List<BandHeader> headers = new ArrayList<>();
        item.bands().stream().sorted(Comparator.comparingInt(b -> BAND_ORDER.indexOf(b.band())))
                .forEach(band -> headers.add(BandHeader.read(source, item.id(), band, storage)));
        ItemVrt vrt = ItemVrt.of(source, item.id(), headers);
        Footprint footprint = Footprint.of(item.id(), vrt.crsWkt(), vrt.transform(),
                vrt.width(), vrt.height());
        byte[] geometry = footprint.footprintWkb();
        double lon = footprint.lon();
        double lat = footprint.lat();
        if (item.geometryJson() != null) {
            Geometry parsed = parseGeometry(source, item);
            try {
                geometry = parsed.ExportToIsoWkb();
                Geometry centroid = parsed.Centroid();
                lon = centroid.GetX();
                lat = centroid.GetY();
                centroid.delete();
            } finally {
                parsed.delete();
            }
        }
        String collection = item.collection() != null ? item.collection()
                : vrt.bands().contains("B10") ? "sentinel-2-l1c" : "sentinel-2";
        TileRecord tile = new TileRecord(item.id(), collection,
                CatalogScanner.sequenceId(footprint, vrt.transform(), vrt.width(), vrt.height()),
                item.datetime(), vrtFolder + "/" + item.id() + ".vrt", null, vrt.bands(),
                footprint.gsd(), item.cloudCover(), lon, lat,
                item.epsg() != null ? item.epsg() : footprint.epsg(), footprint.bbox(), geometry,
                null, null, vrt.width(), vrt.height(), footprint.crsWkt2(),
                vrt.transform().toGdal(), Radiometry.REFLECTANCE.key());
        return StacScanRow.catalogued(tile, vrt.xml());
    }

    private static Geometry parseGeometry(StacItemSource source, StacItem item) {
        try {
            Geometry geometry = ogr.CreateGeometryFromJson(item.geometryJson());
            if (geometry == null) {
                throw new MalformedItemException(source, item.id(), "geometry is not GeoJSON");
            }
            return geometry;
        } catch (RuntimeException e) {
            if (e instanceof MalformedItemException m) {
                throw m;
            }
            throw new MalformedItemException(source, item.id(), "geometry is not GeoJSON: "
                    + e.getMessage());
        }
    }
}
