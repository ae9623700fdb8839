package diffusionsat.io.raster;

import diffusionsat.io.DiffusionSatException;
import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * An open raster read window by window: GDAL windowed reads of only the bands asked for, so
 * memory follows the window, never the file. The header's declared size is checked against
 * {@code io.maxPixels} ({@link DeclaredSize}) on open, before any pixel is allocated.
 */
public final class RasterReader implements AutoCloseable {
    private final String tileId;
    private final String uri;
    private final GdalDataset opened;
    private final RasterHeader header;

    private RasterReader(String tileId, String uri, GdalDataset opened, RasterHeader header) {
        this.tileId = tileId;
        this.uri = uri;
        this.opened = opened;
        this.header = header;
    }

    /**
     * Opens {@code uri} (local, {@code file:}, {@code s3a:} through range requests, or another
     * Hadoop store) and reads its header.
     *
     * @throws TileReadException naming the tile and file when it cannot be opened, has no bands,
     *     or declares more than {@code maxPixels} pixels
     */
    public static RasterReader open(String tileId, String uri, Storage storage, long maxPixels) {
        GdalDataset opened = GdalDataset.open(tileId, uri, storage);
        try {
            RasterHeader header = headerOf(tileId, uri, opened.dataset());
            DeclaredSize.check(tileId, uri, header, maxPixels);
            return new RasterReader(tileId, uri, opened, header);
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    public RasterHeader header() {
        return header;
    }

    /** Every band of the whole raster. */
    public Raster readAll() {
        return read(header.extent(), header.bandNames());
    }

    /**
     * The pixels of {@code window} of the named bands (file band names, in the order given) as
     * float32, georeferenced to the window's corner, with the file's nodata rule.
     */
    public Raster read(RasterWindow window, List<String> bands) {
        if (!window.within(header.extent())) {
            throw new IllegalArgumentException("window " + window + " outside the "
                    + header.width() + "x" + header.height() + " raster " + uri);
        }
        try {
            Dataset dataset = opened.dataset();
            int size = pixelsOf(window);
            float[][] planes = new float[bands.size()][];
            for (int i = 0; i < bands.size(); i++) {
                int band = bandNumber(bands.get(i));
                planes[i] = new float[size];
                int status = dataset.GetRasterBand(band).ReadRaster(window.x(), window.y(),
                        window.width(), window.height(), gdalconstConstants.GDT_Float32,
                        planes[i]);
                if (status != gdalconstConstants.CE_None) {
                    throw new TileReadException(tileId, uri, "band " + band + " window " + window
                            + ": " + Gdal.lastError("read failed"));
                }
            }
            return new Raster(window.width(), window.height(), bands, planes,
                    header.transformOf(window), header.crsWkt(), header.noData());
        } catch (DiffusionSatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileReadException(tileId, uri, "window " + window + ": "
                    + Gdal.messageOf(e, "GDAL read failed"), e);
        }
    }

    @Override
    public void close() {
        opened.close();
    }

    private int pixelsOf(RasterWindow window) {
        // Java arrays hold at most 2^31 - 1 values: a larger window is a caller's chunking bug.
        if (window.pixels() > Integer.MAX_VALUE - 8) {
            throw new TileReadException(tileId, uri, "window " + window + " has "
                    + window.pixels() + " px, more than one array holds");
        }
        return (int) window.pixels();
    }

    private int bandNumber(String name) {
        int index = header.bandNames().indexOf(name);
        if (index < 0) {
            throw new TileReadException(tileId, uri, "no band " + name + " in "
                    + header.bandNames());
        }
        return index + 1;
    }

    private static RasterHeader headerOf(String tileId, String uri, Dataset dataset) {
        if (dataset.GetRasterCount() == 0) {
            throw new TileReadException(tileId, uri, "the file has no raster bands");
        }
        List<String> names = new ArrayList<>(BandNames.of(dataset));
        return new RasterHeader(dataset.GetRasterXSize(), dataset.GetRasterYSize(), names,
                GeoTransform.fromGdal(dataset.GetGeoTransform()),
                dataset.GetProjectionRef() == null ? "" : dataset.GetProjectionRef(),
                NoData.of(dataset.GetRasterBand(1)));
    }
}
