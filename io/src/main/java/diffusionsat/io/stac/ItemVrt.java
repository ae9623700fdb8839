package diffusionsat.io.stac;

import diffusionsat.io.raster.GeoTransform;
import java.util.List;
import java.util.Locale;
import org.gdal.osr.SpatialReference;

/**
 * A GDAL VRT that stacks an Item's single-band rasters onto the grid of its finest band, so jobs
 * read the Item like any multi-band raster. Each band is a {@code ComplexSource}:
 *
 * <ul>
 *   <li>coarser bands (20 m, 60 m) are upsampled by nearest neighbour (each 10 m pixel takes the
 *       value of the coarse pixel it lies in: no new values, radiometry kept);
 *   <li>stored values become reflectance, value × scale + offset ({@link BandScaling}), as
 *       Float32;
 *   <li>the source's nodata value becomes NaN (the VRT band's nodata).
 * </ul>
 *
 * Band descriptions are the canonical Sentinel-2 names, so bands are found by identity.
 *
 * @param xml the VRT document
 */
public record ItemVrt(String xml, int width, int height, GeoTransform transform, String crsWkt,
        List<String> bands) {

    /** The VRT of {@code headers} (all in one CRS, north-up), in canonical band order. */
    static ItemVrt of(StacItemSource source, String itemId, List<BandHeader> headers) {
        BandHeader finest = headers.get(0);
        for (BandHeader header : headers) {
            if (header.transform().pixelSizeX() < finest.transform().pixelSizeX()) {
                finest = header;
            }
        }
        requireOneCrs(source, itemId, headers, finest);
        GeoTransform grid = finest.transform();
        StringBuilder xml = new StringBuilder();
        xml.append(String.format(Locale.ROOT, "<VRTDataset rasterXSize=\"%d\" rasterYSize=\"%d\">%n",
                finest.width(), finest.height()));
        xml.append("  <SRS>").append(escape(finest.crsWkt())).append("</SRS>\n");
        double[] gt = grid.toGdal();
        xml.append(String.format(Locale.ROOT, "  <GeoTransform>%s, %s, %s, %s, %s, %s</GeoTransform>%n",
                num(gt[0]), num(gt[1]), num(gt[2]), num(gt[3]), num(gt[4]), num(gt[5])));
        xml.append("  <Metadata>\n    <MDI key=\"STAC_ITEM\">").append(escape(itemId))
                .append("</MDI>\n  </Metadata>\n");
        for (int b = 0; b < headers.size(); b++) {
            appendBand(xml, b + 1, headers.get(b), grid);
        }
        xml.append("</VRTDataset>\n");
        return new ItemVrt(xml.toString(), finest.width(), finest.height(), grid,
                finest.crsWkt(), headers.stream().map(h -> h.asset().band()).toList());
    }

    private static void appendBand(StringBuilder xml, int index, BandHeader header,
            GeoTransform grid) {
        BandAsset asset = header.asset();
        GeoTransform gt = header.transform();
        // The source's extent in pixels of the VRT grid (exact for S2's 10/20/60 m nesting).
        double xOff = (gt.originX() - grid.originX()) / grid.pixelWidth();
        double yOff = (gt.originY() - grid.originY()) / grid.pixelHeight();
        double xSize = header.width() * gt.pixelWidth() / grid.pixelWidth();
        double ySize = header.height() * gt.pixelHeight() / grid.pixelHeight();
        Double noData = asset.noData() != null ? asset.noData() : header.noData();
        xml.append(String.format(Locale.ROOT,
                "  <VRTRasterBand dataType=\"Float32\" band=\"%d\">%n", index));
        xml.append("    <Description>").append(asset.band()).append("</Description>\n");
        xml.append("    <NoDataValue>nan</NoDataValue>\n");
        xml.append("    <ComplexSource resampling=\"nearest\">\n");
        xml.append("      <SourceFilename relativeToVRT=\"0\">")
                .append(escape(Hrefs.gdalPath(asset.href()))).append("</SourceFilename>\n");
        xml.append("      <SourceBand>1</SourceBand>\n");
        xml.append(String.format(Locale.ROOT,
                "      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"%d\" ySize=\"%d\"/>%n",
                header.width(), header.height()));
        xml.append(String.format(Locale.ROOT,
                "      <DstRect xOff=\"%s\" yOff=\"%s\" xSize=\"%s\" ySize=\"%s\"/>%n",
                num(xOff), num(yOff), num(xSize), num(ySize)));
        if (noData != null) {
            xml.append("      <NODATA>").append(num(noData)).append("</NODATA>\n");
        }
        xml.append("      <ScaleOffset>").append(num(asset.scaling().offset()))
                .append("</ScaleOffset>\n");
        xml.append("      <ScaleRatio>").append(num(asset.scaling().scale()))
                .append("</ScaleRatio>\n");
        xml.append("    </ComplexSource>\n  </VRTRasterBand>\n");
    }

    private static void requireOneCrs(StacItemSource source, String itemId,
            List<BandHeader> headers, BandHeader finest) {
        SpatialReference reference = new SpatialReference(finest.crsWkt());
        try {
            for (BandHeader header : headers) {
                SpatialReference other = new SpatialReference(header.crsWkt());
                try {
                    if (reference.IsSame(other) != 1) {
                        throw new MalformedItemException(source, itemId, "asset "
                                + header.asset().assetKey() + " is in another CRS than asset "
                                + finest.asset().assetKey() + ": bands cannot be stacked");
                    }
                } finally {
                    other.delete();
                }
            }
        } finally {
            reference.delete();
        }
    }

    private static String num(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
