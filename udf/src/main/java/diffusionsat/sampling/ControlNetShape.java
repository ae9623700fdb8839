package diffusionsat.sampling;

/**
 * What a loaded ControlNet pipeline takes and makes.
 *
 * @param frames T, the conditioning frames per item (1 for the 2D ControlNet)
 * @param channels C, the channels of each frame
 * @param conditioningSize the side of the conditioning images in pixels
 * @param outputSize the side of the generated images in pixels
 * @param temporal whether the ControlNet is the 3D one, which takes (B, C, T, H, W) volumes
 */
public record ControlNetShape(int frames, int channels, int conditioningSize, int outputSize,
        boolean temporal) {

    /** Rejects a request with the wrong number of frames, channels or the wrong size. */
    void requireFits(ConditionalRequest request) {
        if (request.frameCount() != frames || request.channelCount() != channels
                || request.condWidth() != conditioningSize
                || request.condHeight() != conditioningSize) {
            throw new IllegalArgumentException(request.itemId() + ": conditioning of "
                    + request.frameCount() + " frames × " + request.channelCount()
                    + " channels at " + request.condWidth() + "x" + request.condHeight()
                    + "; this ControlNet takes " + frames + " × " + channels + " at "
                    + conditioningSize + "x" + conditioningSize);
        }
    }
}
