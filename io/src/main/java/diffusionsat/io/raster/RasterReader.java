package diffusionsat.io.raster;

import diffusionsat.io.DiffusionSatException;
import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.List;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * An open raster read window by window: GDAL windowed reads of only the bands asked for, so
 * memory follows the window, never the file. The header's declared size a band, and each read's
 * size, are checked against the storage's {@code io.maxPixels} ({@link RasterSizeLimit}) before
 * any pixel is allocated.
 */
public final class RasterReader implements AutoCloseable {
    private final String tileId;
    private final String uri;
    private final GdalDataset opened;
    private final long maxPixels;
    private RasterHeader header;

    private RasterReader(String tileId, String uri, GdalDataset opened, RasterHeader header,
            long maxPixels) {
        this.tileId = tileId;
        this.uri = uri;
        this.opened = opened;
        this.header = header;
        this.maxPixels = maxPixels;
    }

    /**
     * Opens {@code uri} (local, {@code file:}, {@code s3a:} through range requests, or another
     * Hadoop store) and reads its header.
     *
     * @throws TileReadException naming the tile and file when it cannot be opened, has no bands,
     *     or declares more pixels a band than the storage's {@code io.maxPixels}
     */
    public static RasterReader open(String tileId, String uri, Storage storage) {
        GdalDataset opened = GdalDataset.open(tileId, uri, storage);
        try {
            RasterHeader header = headerOf(tileId, uri, opened.dataset());
            RasterSizeLimit.checkDeclared(tileId, uri, header.width(), header.height(),
                    header.bandNames().size(), storage.maxPixels());
            return new RasterReader(tileId, uri, opened, header, storage.maxPixels());
        } catch (RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    public RasterHeader header() {
        return header;
    }

    /**
     * Names the file's bands {@code names} from now on (the catalogue's names for a file that
     * names none, {@code catalog.collections}); one name a band.
     */
    public void nameBands(List<String> names) {
        if (names.size() != header.bandNames().size()) {
            throw new IllegalArgumentException(names.size() + " names for "
                    + header.bandNames().size() + " bands of " + uri);
        }
        header = header.withBandNames(names);
    }

    /** Every band of the whole raster (io.maxPixels bounds width × height × bands). */
    public Raster readAll() {
        return read(header.extent(), header.bandNames());
    }

    /**
     * The pixels of {@code window} of the named bands (file band names, in the order given) as
     * float32, georeferenced to the window's corner, with the file's nodata rule. Fails its tile
     * when the window's values (width × height × bands) exceed {@code io.maxPixels}.
     */
    public Raster read(RasterWindow window, List<String> bands) {
        return read(window, bands, window.width(), window.height(), Resampling.Method.NEAREST);
    }

    /**
     * The pixels of {@code window} of the named bands resampled to {@code width × height} by
     * GDAL's decimated read (RasterIO into a buffer of another size than the window, {@code
     * GDAL_RASTERIO_RESAMPLING} set for this thread): where the file has overviews GDAL reads
     * the coarsest one still at least as fine as the buffer, else the full resolution, and
     * resamples with {@code method}, leaving nodata pixels out of every kernel. So a frame is
     * read straight at a model's resolution: memory follows the buffer, never the window
     * (GDAL works through the window in chunks). Georeferenced to the buffer's grid over the
     * window's extent; {@code io.maxPixels} bounds width × height × bands.
     */
    public Raster readResampled(RasterWindow window, List<String> bands, int width, int height,
            Resampling.Method method) {
        return read(window, bands, width, height, method);
    }

    private Raster read(RasterWindow window, List<String> bands, int width, int height,
            Resampling.Method method) {
        if (!window.within(header.extent())) {
            throw new IllegalArgumentException("window " + window + " outside the "
                    + header.width() + "x" + header.height() + " raster " + uri);
        }
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("buffer " + width + "x" + height + " of " + uri
                    + " is empty");
        }
        RasterSizeLimit.check(tileId, uri, width, height, bands.size(), maxPixels);
        boolean resampled = width != window.width() || height != window.height();
        try {
            if (resampled) {
                gdal.SetThreadLocalConfigOption("GDAL_RASTERIO_RESAMPLING",
                        method.rasterIoName());
            }
            Dataset dataset = opened.dataset();
            int size = Math.multiplyExact(width, height); // checked: one band fits an array
            float[][] planes = new float[bands.size()][];
            for (int i = 0; i < bands.size(); i++) {
                int band = bandNumber(bands.get(i));
                planes[i] = new float[size];
                int status = dataset.GetRasterBand(band).ReadRaster(window.x(), window.y(),
                        window.width(), window.height(), width, height,
                        gdalconstConstants.GDT_Float32, planes[i]);
                if (status != gdalconstConstants.CE_None) {
                    throw new TileReadException(tileId, uri, "band " + band + " window " + window
                            + ": " + Gdal.lastError("read failed"));
                }
            }
            GeoTransform transform = header.transformOf(window);
            if (resampled) {
                transform = new PixelGrid(window.width(), window.height(), transform,
                        header.crsWkt()).resized(width, height).transform();
            }
            return new Raster(width, height, bands, planes, transform, header.crsWkt(),
                    header.noData());
        } catch (DiffusionSatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileReadException(tileId, uri, "window " + window + ": "
                    + Gdal.messageOf(e, "GDAL read failed"), e);
        } finally {
            if (resampled) {
                gdal.SetThreadLocalConfigOption("GDAL_RASTERIO_RESAMPLING", null);
            }
        }
    }

    @Override
    public void close() {
        opened.close();
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
