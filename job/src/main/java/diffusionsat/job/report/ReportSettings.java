package diffusionsat.job.report;

import diffusionsat.io.ConfigException;
import java.io.Serializable;

/**
 * How the evaluation report is drawn.
 *
 * @param samples sample grids (input | output | target) shown, the first tiles by id
 * @param panelSize longest side in pixels of each grid panel
 * @param paperMetrics CSV of the paper's numbers; empty for the bundled table
 * @param publishTo where the report is also published, as {@code <publishTo>/<run-id>/} and
 *     {@code <publishTo>/latest/}; empty for nowhere
 */
public record ReportSettings(int samples, int panelSize, String paperMetrics, String publishTo)
        implements Serializable {

    public ReportSettings {
        if (samples < 0 || samples > 100) {
            throw new ConfigException("evaluate.reportSamples", samples, "must be in [0, 100]");
        }
        if (panelSize < 16 || panelSize > 4096) {
            throw new ConfigException("evaluate.samplePanelSize", panelSize,
                    "must be in [16, 4096]");
        }
    }
}
