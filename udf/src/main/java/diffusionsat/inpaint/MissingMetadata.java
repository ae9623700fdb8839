package diffusionsat.inpaint;

/** What to do with a tile whose catalogue lacks lon, lat, GSD or date (DESIGN.md §2). */
public enum MissingMetadata {
    /** The request fails, naming the missing fields. */
    FAIL,
    /**
     * Each missing field is 0, the value the model saw for a dropped field in training (each
     * field was dropped to 0 with p = 0.1, DIFFUSIONSAT.md §1.3); the run logs it per request.
     */
    UNCONDITIONAL
}
