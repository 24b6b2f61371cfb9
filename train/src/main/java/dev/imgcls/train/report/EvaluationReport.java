package dev.imgcls.train.report;

import java.util.List;
import java.util.OptionalLong;

/**
 * Everything the report files show about one evaluation.
 *
 * @param globalStep the training step evaluated; empty for a model evaluated on its own
 * @param source     what was evaluated on what, in words, for the files' headings
 * @param top1       top-1 accuracy; the confusion matrix's diagonal share
 * @param top5       top-5 accuracy ({@code in_top_k}, as the trainer's metric)
 * @param worst      the most confident mistakes, most confident first
 */
public record EvaluationReport(OptionalLong globalStep, String source, ClassNames names, ConfusionMatrix confusion, double top1, double top5,
                               List<WorstExample> worst) {
    /** Pairs listed under "most confused". */
    public static final int MOST_CONFUSED = 10;

    public EvaluationReport {
        if (names.size() != confusion.classes()) {
            throw new IllegalArgumentException(names.size() + " class names for a " + confusion.classes() + "-class confusion matrix");
        }
        worst = List.copyOf(worst);
    }

    /** The report of a finished tally. */
    public static EvaluationReport of(OptionalLong globalStep, String source, ClassNames names, EvaluationTally tally, double top1,
                                      double top5) {
        return new EvaluationReport(globalStep, source, names, tally.confusion(), top1, top5, tally.worst().worstFirst());
    }

    public List<ClassMetrics> perClass() {
        return ClassMetrics.of(confusion);
    }

    public List<ConfusionMatrix.Confusion> mostConfused() {
        return confusion.mostConfused(MOST_CONFUSED);
    }

    /** "step 120" or "the model": how headings name what was evaluated. */
    public String stepText() {
        return globalStep.isPresent() ? "step " + globalStep.getAsLong() : "the model";
    }
}
