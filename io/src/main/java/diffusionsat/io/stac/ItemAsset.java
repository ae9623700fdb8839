package diffusionsat.io.stac;

import java.util.List;

/**
 * One asset of an output's STAC Item: a published file with its media type and roles.
 *
 * @param size the file's length in bytes ({@code file:size}), which a rerun compares with the
 *     file it finds before it keeps the output
 */
public record ItemAsset(String key, String href, String type, List<String> roles, long size) {
    /** The media type of a Cloud-Optimized GeoTIFF (STAC best practices). */
    public static final String COG = "image/tiff; application=geotiff; profile=cloud-optimized";
    public static final String PNG = "image/png";

    /** The media type a file's name implies: a COG for {@code .tif}, else PNG. */
    public static String typeOf(String href) {
        return href.endsWith(".png") ? PNG : COG;
    }
}
