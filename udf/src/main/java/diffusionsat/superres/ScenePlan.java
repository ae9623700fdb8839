package diffusionsat.superres;

import java.util.List;

/** A scene's size, read from its header, and the chunks it is cut into. */
public record ScenePlan(int width, int height, List<SceneChunk> chunks) {

    public ScenePlan {
        chunks = List.copyOf(chunks);
    }

    /** How many model windows rendering {@code chunk} runs (progress; 0 without windows). */
    public long windows(SceneChunk chunk, ChunkLayout layout) {
        return layout.windows(chunk.core(), width, height);
    }
}
