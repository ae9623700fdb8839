package diffusionsat.evaluation;

import diffusionsat.io.storage.Storage;

/**
 * The set-level network metrics of one image (DESIGN.md §7): Inception pool features and logits
 * (for FID and IS) and the CLIP score against a caption, each only where its weights are
 * configured. The networks load on first use, once per executor JVM. Missing pixels (NaN) are
 * fed as 0, as the resolvers see them.
 */
public final class NetworkMetrics {
    private final EvaluationSettings settings;
    private final Storage storage;
    private InceptionMetric inception;
    private ClipScoreMetric clip;

    public NetworkMetrics(EvaluationSettings settings, Storage storage) {
        this.settings = settings;
        this.storage = storage;
    }

    /** The image's Inception features, or null when no Inception weights are configured. */
    public InceptionFeatures inception(RgbImage image) {
        if (!settings.hasInception()) {
            return null;
        }
        if (inception == null) {
            inception = InceptionMetric.forWeights(settings.inceptionWeights(), storage);
        }
        return inception.features(image.filledPlanes(), image.width(), image.height());
    }

    /**
     * The CLIP score of the image against {@code caption} (the catalogue's, else {@link
     * EvaluationSettings#clipCaption()}); null when no CLIP model is configured or there is no
     * caption ({@link #clipSkipReason}).
     */
    public Double clipScore(RgbImage image, String caption) {
        String text = captionFor(caption);
        if (!settings.hasClip() || text == null) {
            return null;
        }
        if (clip == null) {
            clip = ClipScoreMetric.forModel(settings.clipModel(), storage);
        }
        return clip.score(image.filledPlanes(), image.width(), image.height(), text);
    }

    /** Why a tile with this catalogue caption gets no CLIP score, or null when it gets one. */
    public String clipSkipReason(String caption) {
        return settings.hasClip() && captionFor(caption) == null
                ? "clip_score: no caption (catalogue column caption, or evaluate.clipCaption)"
                : null;
    }

    private String captionFor(String caption) {
        if (caption != null && !caption.isBlank()) {
            return caption;
        }
        return settings.clipCaption().isBlank() ? null : settings.clipCaption();
    }
}
