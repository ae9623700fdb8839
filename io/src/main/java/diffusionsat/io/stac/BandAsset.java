package diffusionsat.io.stac;

import java.io.Serializable;

/**
 * One Sentinel-2 band of an Item: the asset that holds it and how to read it.
 *
 * @param band canonical band name ({@code B04}, {@code B8A})
 * @param assetKey the asset's key in the Item
 * @param href absolute URI of the single-band raster
 * @param scaling stored value to reflectance
 * @param noData the stored value that marks missing pixels ({@code raster:bands nodata}), null
 *     when the item says none (the file's own nodata is used then)
 */
public record BandAsset(String band, String assetKey, String href, BandScaling scaling,
        Double noData) implements Serializable {}
