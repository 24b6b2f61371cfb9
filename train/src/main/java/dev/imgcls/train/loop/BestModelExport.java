package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;
import dev.imgcls.train.metrics.BestMetricTracker;
import dev.imgcls.train.metrics.MetricsSnapshot;
import dev.imgcls.train.provenance.ProvenanceRecorder;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Keeps {@code model/} holding the most accurate model of the job: after each evaluation whose
 * top-1 accuracy is at least the best so far (ties go to the newer model, as the reference's
 * {@code archive_ckpt}), the model is exported over the previous one, atomically. A GPU job's
 * model is exported from a host copy ({@link HostModel}).
 */
final class BestModelExport {
    private final BestMetricTracker tracker = new BestMetricTracker(dev.imgcls.train.events.TrainingEvents.TOP_1_ACCURACY);
    private final ModelExporter exporter;
    private final String directory;
    private final int imageSize;
    private final int cropPadding;
    private final ProvenanceRecorder provenance;
    private final PrintStream out;

    BestModelExport(ModelExporter exporter, String directory, int imageSize, int cropPadding, ProvenanceRecorder provenance,
                    PrintStream out) {
        this.exporter = exporter;
        this.directory = directory;
        this.imageSize = imageSize;
        this.cropPadding = cropPadding;
        this.provenance = provenance;
        this.out = out;
    }

    /** The best of an earlier run of this job (from its checkpoint). */
    void restore(MetricsSnapshot previousBest) {
        if (previousBest != null) {
            tracker.restore(previousBest);
        }
    }

    MetricsSnapshot best() {
        return tracker.best();
    }

    /** Records an evaluation and exports the model if it is the new best; true if it was. */
    boolean offer(MetricsSnapshot metrics, Model model) throws IOException {
        if (!tracker.offer(metrics)) {
            return false;
        }
        long t0 = System.nanoTime();
        exporter.export(HostModel.of(model), imageSize, cropPadding, directory, provenance.exportAssets(metrics.globalStep()));
        out.printf("exported the best model so far (top-1 %.4f at step %d) to %s in %.1f s%n",
                metrics.get(dev.imgcls.train.events.TrainingEvents.TOP_1_ACCURACY), metrics.globalStep(), directory,
                (System.nanoTime() - t0) / 1e9);
        return true;
    }
}
