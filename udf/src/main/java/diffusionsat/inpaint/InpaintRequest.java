package diffusionsat.inpaint;

import diffusionsat.spark.TileRef;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One image to generate.
 *
 * @param id names the output and seeds the noise: the target tile's id
 * @param target the tile whose image is generated (its grid and metadata are the output's)
 * @param conditions the conditioning tiles: for xBD the other image of the pair; for cloud
 *     in-fill the clear dates of the sequence, nearest in time first (the model takes as many as
 *     it has frames)
 * @param maskHref the cloud mask raster (cloud in-fill), relative to the catalogue or absolute;
 *     null for xBD
 * @param caption the text prompt
 */
public record InpaintRequest(String id, TileRef target, List<TileRef> conditions,
        String maskHref, String caption) implements Serializable {

    /** Copies the list; everything but the mask is required. */
    public InpaintRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        conditions = List.copyOf(conditions);
        Objects.requireNonNull(caption, "caption");
    }
}
