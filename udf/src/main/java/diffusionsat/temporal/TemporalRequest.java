package diffusionsat.temporal;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.OutputNames;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One image to predict: a sequence, a target time, a caption, and in evaluation mode the known
 * frame that is left out and predicted.
 *
 * @param id names the output and seeds the noise; {@link #defaultId} when the table has none
 * @param sequenceId the catalogue's {@code sequence_id} whose frames condition the prediction
 * @param target the time to predict (UTC)
 * @param caption the text prompt, "" for none
 * @param selection how the conditioning frames are chosen
 * @param heldOutFrameId evaluation mode: the frame predicted and scored against; null otherwise
 */
public record TemporalRequest(String id, String sequenceId, Instant target, String caption,
        FrameSelection selection, String heldOutFrameId) implements Serializable {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /** {@code <sequence id>_<yyyyMMdd of the target>}. */
    public static String defaultId(String sequenceId, Instant target) {
        return sequenceId + "_" + DAY.format(target);
    }

    /** The id the result row carries even when the request is invalid. */
    public String displayId() {
        return id == null || id.isBlank() ? "(no id)" : id;
    }

    /**
     * Checks what makes a request unusable before any pixel is read; a {@link TileException}
     * naming the request and the cause.
     */
    public void validate() {
        OutputNames.problem(id).ifPresent(problem -> {
            throw new TileException(displayId(), "request " + problem);
        });
        if (sequenceId == null || sequenceId.isBlank()) {
            throw new TileException(id, "request has no sequence_id");
        }
        if (target == null) {
            throw new TileException(id, "request has no target datetime");
        }
    }

    /** Whether this request scores a left-out known frame. */
    public boolean evaluates() {
        return heldOutFrameId != null;
    }
}
