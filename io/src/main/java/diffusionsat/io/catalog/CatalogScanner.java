package diffusionsat.io.catalog;

import diffusionsat.io.DiffusionSatException;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.BandNames;
import diffusionsat.io.raster.GdalDataset;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.GeoreferenceRules;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.raster.TileReadException;
import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds catalogue rows (DESIGN.md §2) from a folder or object-store prefix of GeoTIFFs ({@code
 * .tif}, {@code .tiff}), reading each with GDAL: size, band names, CRS, geotransform, WGS84
 * footprint and centroid, GSD; acquisition time and cloud cover from an fMoW-style JSON sidecar,
 * GDAL tags or the file name ({@link AcquisitionMetadata}). A file it cannot use becomes a {@link
 * ScanFailure} and the scan goes on; a failing store stops it ({@code StorageException}).
 *
 * <p>Sidecars beside {@code <dir>/<stem>.tif}: {@code <stem>.json}, {@code <stem>.tif.json},
 * {@code <stem>_rgb.json}, and for an fMoW multispectral {@code <base>_ms.tif} also {@code
 * <base>_rgb.json}. The {@code sequence_id} keys the pixel grid (CRS, origin in pixels, size),
 * so rasters of one place on one grid at different times share it.
 */
public final class CatalogScanner implements Serializable {
    private static final Logger log = LoggerFactory.getLogger(CatalogScanner.class);
    private static final List<String> SENTINEL2_CORE = List.of("B02", "B03", "B04", "B08");

    private final String collection; // null: inferred per raster
    private final Map<String, CollectionProfile> profiles;

    /** A scanner that infers each raster's collection from its bands. */
    public CatalogScanner() {
        this.collection = null;
        this.profiles = Map.of();
    }

    /** A scanner that puts every raster in {@code collection}. */
    public CatalogScanner(String collection) {
        this(collection, Map.of());
    }

    /**
     * A scanner that puts every raster in {@code collection} (null: inferred per raster), with
     * the {@code catalog.collections} entries ({@link RasterFacts}).
     */
    public CatalogScanner(String collection, Map<String, CollectionProfile> profiles) {
        if (collection != null && collection.isBlank()) {
            throw new IllegalArgumentException("collection must not be blank");
        }
        this.collection = collection;
        this.profiles = Map.copyOf(profiles);
    }

    /** Scans every raster under {@code inputUri} (recursively), in this JVM. */
    public ScanResult scan(String inputUri, Storage storage) {
        return scan(inputUri, storage, Set.of());
    }

    /**
     * Scans every raster ({@link RasterFiles#SUFFIXES}) under {@code inputUri} (recursively) but
     * those in {@code excluded} (the targets and masks of the same scan), in this JVM.
     */
    public ScanResult scan(String inputUri, Storage storage, Set<String> excluded) {
        return scan(inputUri, storage, excluded, files -> files.stream()
                .map(file -> describe(file, storage)).toList());
    }

    /**
     * Scans the rasters under {@code inputUri} but {@code excluded}: the listing, ids and
     * sidecars here, the GDAL reads of each file by {@code describeAll} (in this JVM, or on
     * Spark's executors calling {@link #describe(RasterFile, Storage)}).
     */
    public ScanResult scan(String inputUri, Storage storage, Set<String> excluded,
            Function<List<RasterFile>, List<RasterOutcome>> describeAll) {
        InputFiles.Listing files = InputFiles.list(inputUri, storage);
        Set<String> sidecars = files.sidecars();
        files.rejected().forEach(r -> log.warn("catalogue: skipped {}: {}", r.uri(), r.cause()));
        List<String> rasters = files.rasters().stream().filter(f -> !excluded.contains(f))
                .toList();
        List<RasterFile> planned = new ArrayList<>();
        TileIds.assign(inputUri, rasters).forEach((uri, id) -> planned.add(
                new RasterFile(id, uri, sidecarOf(uri, sidecars).orElse(null))));
        List<TileRecord> tiles = new ArrayList<>();
        List<ScanFailure> failures = new ArrayList<>(files.rejected());
        for (RasterOutcome outcome : describeAll.apply(planned)) {
            if (outcome.tile() != null) {
                tiles.add(outcome.tile());
            } else {
                log.warn("catalogue: skipped {}: {}", outcome.failure().uri(),
                        outcome.failure().cause());
                failures.add(outcome.failure());
            }
        }
        log.info("catalogue: scanned {}: {} tiles, {} files failed", inputUri, tiles.size(),
                failures.size());
        return new ScanResult(tiles, failures);
    }

    /** One raster of a scan: its tile id and its sidecar (null without one). */
    public record RasterFile(String id, String uri, String sidecarUri) implements Serializable {}

    /** The row of a raster, or why it has none (exactly one is set). */
    public record RasterOutcome(TileRecord tile, ScanFailure failure) implements Serializable {}

    /** Reads one raster with GDAL: its row, or the failure naming the cause. */
    public RasterOutcome describe(RasterFile file, Storage storage) {
        try {
            return new RasterOutcome(describe(file.id(), file.uri(),
                    Optional.ofNullable(file.sidecarUri()), storage), null);
        } catch (TileException e) {
            return new RasterOutcome(null, new ScanFailure(file.uri(), e.getMessage()));
        }
    }

    private TileRecord describe(String id, String uri, Optional<String> sidecarUri,
            Storage storage) {
        Sidecar sidecar = sidecarUri.map(json -> Sidecar.parse(id, json,
                storage.readAllBytes(json))).orElse(Sidecar.NONE);
        try (GdalDataset opened = GdalDataset.open(id, uri, storage)) {
            Dataset dataset = opened.dataset();
            int width = dataset.GetRasterXSize();
            int height = dataset.GetRasterYSize();
            checkReadable(id, uri, dataset);
            RasterFacts facts = RasterFacts.of(id, BandNames.of(dataset), tags(dataset),
                    isInteger(dataset), scaling(id, dataset), collection,
                    collection == null ? null : profiles.get(collection));
            List<String> bands = facts.bands();
            GeoTransform transform = GeoTransform.fromGdal(dataset.GetGeoTransform());
            String crs = dataset.GetProjectionRef();
            if ((crs == null || crs.isBlank()) && sidecarUri.isPresent()) {
                // An fMoW JPEG or a PNG: the position is in the sidecar, if anywhere.
                Optional<SidecarGeoreference> fromSidecar = SidecarGeoreference.of(id,
                        sidecarUri.get(), storage.readAllBytes(sidecarUri.get()));
                if (fromSidecar.isPresent()) {
                    crs = fromSidecar.get().crsWkt();
                    transform = fromSidecar.get().transform();
                }
            }
            boolean hasCrs = crs != null && !crs.isBlank();
            // A picture format (PNG, JPEG) without any georeference (no CRS, no geotransform) is
            // catalogued by its pixels alone (an evaluation pair's chip); the jobs that need a
            // position fail it with that cause. A GeoTIFF, or a CRS, without a usable
            // geotransform is refused: a GeoTIFF is meant to be placed.
            boolean pixelsOnly = !hasCrs && GeoreferenceRules.isMissing(transform)
                    && !"GTiff".equals(dataset.GetDriver().getShortName());
            if (!pixelsOnly) {
                GeoreferenceRules.require(id, uri, transform);
            }
            Footprint footprint = hasCrs ? Footprint.of(id, crs, transform, width, height) : null;
            AcquisitionMetadata acquisition = AcquisitionMetadata.from(sidecar, tags(dataset),
                    TileIds.fileName(uri));
            Double gsd = sidecar.gsd() != null ? sidecar.gsd()
                    : footprint == null ? null : footprint.gsd();
            return new TileRecord(id, collectionOf(bands, sidecar != Sidecar.NONE),
                    footprint == null ? null : sequenceId(footprint, transform, width, height),
                    acquisition.datetime(), uri, null, bands, gsd, acquisition.cloudCover(),
                    footprint == null ? null : footprint.lon(),
                    footprint == null ? null : footprint.lat(),
                    footprint == null ? null : footprint.epsg(),
                    footprint == null ? null : footprint.bbox(),
                    footprint == null ? null : footprint.footprintWkb(),
                    sidecar.caption(), null, width, height,
                    footprint == null ? null : footprint.crsWkt2(), transform.toGdal(),
                    facts.radiometry());
        } catch (DiffusionSatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileReadException(id, uri, e.getMessage(), e);
        }
    }

    /**
     * Reads the last pixel of every band: a truncated file often still has a readable header but
     * fails here, and the catalogue should not list it. Writers store a band's blocks (strips or
     * tiles) row by row, so its last pixel lies in the block the file ends with; reading only
     * that block keeps a remote header read a few range requests.
     */
    private static void checkReadable(String id, String uri, Dataset dataset) {
        int count = dataset.GetRasterCount();
        if (count == 0) {
            throw new TileReadException(id, uri, "the file has no raster bands");
        }
        float[] pixel = new float[1];
        for (int b = 1; b <= count; b++) {
            int status = dataset.GetRasterBand(b).ReadRaster(dataset.GetRasterXSize() - 1,
                    dataset.GetRasterYSize() - 1, 1, 1, gdalconstConstants.GDT_Float32, pixel);
            if (status != gdalconstConstants.CE_None) {
                throw new TileReadException(id, uri, "band " + b + " is unreadable");
            }
        }
    }

    /**
     * The bands' GDAL scale and offset, where any band sets one other than (1, 0); a {@link
     * TileException} where bands disagree (the catalogue has one radiometry per row).
     */
    private static double[] scaling(String tileId, Dataset dataset) {
        double[] first = null;
        for (int b = 1; b <= dataset.GetRasterCount(); b++) {
            Double[] scale = new Double[1];
            Double[] offset = new Double[1];
            dataset.GetRasterBand(b).GetScale(scale);
            dataset.GetRasterBand(b).GetOffset(offset);
            double[] band = {scale[0] == null ? 1.0 : scale[0],
                offset[0] == null ? 0.0 : offset[0]};
            if (first == null) {
                first = band;
            } else if (first[0] != band[0] || first[1] != band[1]) {
                throw new TileException(tileId, "band " + b + " has GDAL scale/offset "
                        + band[0] + "/" + band[1] + ", band 1 " + first[0] + "/" + first[1]
                        + ": one radiometry per tile");
            }
        }
        return first == null || (first[0] == 1.0 && first[1] == 0.0) ? null : first;
    }

    private static boolean isInteger(Dataset dataset) {
        int type = dataset.GetRasterBand(1).GetRasterDataType();
        return type != gdalconstConstants.GDT_Float32 && type != gdalconstConstants.GDT_Float64;
    }

    private static Map<String, String> tags(Dataset dataset) {
        Map<String, String> tags = new HashMap<>();
        Map<?, ?> raw = dataset.GetMetadata_Dict(""); // a raw Hashtable in the bindings
        raw.forEach((key, value) -> tags.put(String.valueOf(key), String.valueOf(value)));
        return tags;
    }

    private static Optional<String> sidecarOf(String uri, Set<String> sidecars) {
        String stem = uri.substring(0, uri.lastIndexOf('.'));
        List<String> candidates = new ArrayList<>(List.of(stem + ".json", uri + ".json",
                stem + "_rgb.json"));
        if (stem.endsWith("_ms")) {
            candidates.add(stem.substring(0, stem.length() - 3) + "_rgb.json");
        }
        return candidates.stream().filter(sidecars::contains).findFirst();
    }

    private String collectionOf(List<String> bands, boolean hasSidecar) {
        if (collection != null) {
            return collection;
        }
        List<String> canonical = bands.stream().map(BandNames::canonicalSentinel2).toList();
        if (canonical.containsAll(SENTINEL2_CORE)) {
            return canonical.contains("B10") ? "sentinel-2-l1c" : "sentinel-2";
        }
        if (bands.equals(Sentinel2Preprocessing.FILE_RGB)) {
            return hasSidecar ? "fmow-rgb" : "rgb";
        }
        return "raster";
    }

    /** The pixel grid as a key: CRS, origin in whole pixels, size. */
    public static String sequenceId(Footprint footprint, GeoTransform transform, int width,
            int height) {
        String crs = footprint.epsg() != null ? "epsg" + footprint.epsg()
                : "crs" + Integer.toHexString(footprint.crsWkt2().hashCode());
        long column = Math.round(transform.originX() / transform.pixelWidth());
        long row = Math.round(transform.originY() / transform.pixelHeight());
        return crs + "_" + column + "_" + row + "_" + width + "x" + height;
    }
}
