package diffusionsat.inpaint;

/** What the {@code inpaint} job generates (DESIGN.md §1). */
public enum InpaintTask {
    /**
     * One image of an xBD-style before/after pair from the other, with a 2D ControlNet on RGB
     * (DIFFUSIONSAT.md §3.1 "xBD", §6).
     */
    XBD,
    /**
     * The cloudy pixels of a Sentinel-2 date, from the clear dates around it; clear pixels are
     * kept as observed.
     */
    CLOUDS
}
