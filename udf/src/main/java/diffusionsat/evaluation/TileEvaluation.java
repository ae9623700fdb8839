package diffusionsat.evaluation;

import java.util.List;

/**
 * What the evaluation of one tile found.
 *
 * @param roles the output's metrics, then the baseline's where configured
 * @param targetFeatures the target's Inception features (the real side of FID); null without a
 *     usable target or Inception weights
 */
public record TileEvaluation(List<RoleMetrics> roles, InceptionFeatures targetFeatures) {
    public TileEvaluation {
        roles = List.copyOf(roles);
    }
}
