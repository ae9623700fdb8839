package diffusionsat.model.unet;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Objects;

/**
 * ControlNet outputs added to the UNet (DIFFUSIONSAT.md §2, sat_unet.py:578-600): one tensor per
 * skip (in skip order, shapes equal to the skips) added before the up path, and one added to the
 * mid block's output.
 *
 * @param down 12 tensors for SD 2.1 ({@code UNetConfig.numSkips()})
 * @param mid (B, C_last, h, w)
 */
public record AdditionalResiduals(List<NDArray> down, NDArray mid) {
    /** Copies the list; both parts are required. */
    public AdditionalResiduals {
        down = List.copyOf(down);
        Objects.requireNonNull(mid, "mid");
    }
}
