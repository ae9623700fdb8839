package diffusionsat.sampling;

/**
 * One sampled image.
 *
 * @param id the request's id
 * @param rgb (H, W, 3) 8-bit RGB, row-major: round(clamp(x / 2 + 0.5, 0, 1) · 255)
 * @param captionTokens tokens the caption produced (BOS and EOS excluded) before truncation
 * @param captionTruncated whether tokens beyond the first 75 were dropped
 */
public record GeneratedImage(String id, int width, int height, byte[] rgb, int captionTokens,
        boolean captionTruncated) {}
