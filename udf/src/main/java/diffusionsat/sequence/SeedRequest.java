package diffusionsat.sequence;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.OutputNames;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One sequence to generate: a seed image from caption and metadata at {@code start}, then one
 * image per later date.
 *
 * @param id names the outputs ({@code <id>_<yyyyMMdd>}) and seeds their noise
 * @param caption the text prompt of every image, "" for none
 * @param lon longitude of the centre, degrees WGS84
 * @param lat latitude of the centre, degrees WGS84
 * @param gsd metres per pixel of the generated images
 * @param start the seed image's date
 * @param dates the later dates as requested (checked and de-duplicated by {@link SequenceDates})
 */
public record SeedRequest(String id, String caption, Double lon, Double lat, Double gsd,
        Instant start, List<Instant> dates) implements Serializable {
    public SeedRequest {
        dates = List.copyOf(dates);
    }

    /** The id for messages even when it is missing. */
    public String displayId() {
        return id == null || id.isBlank() ? "(no id)" : id;
    }

    /** Checks what makes a request unusable; a {@link TileException} naming it and the cause. */
    public void validate() {
        OutputNames.problem(id).ifPresent(problem -> {
            throw new TileException(displayId(), "request " + problem);
        });
        StringBuilder missing = new StringBuilder();
        for (var field : new Object[][] {{lon, "lon"}, {lat, "lat"}, {gsd, "gsd"},
            {start, "datetime"}}) {
            if (field[0] == null) {
                missing.append(missing.isEmpty() ? "" : ", ").append(field[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new TileException(id, "missing " + missing);
        }
    }
}
