package dev.imgcls.train.optim;

import dev.imgcls.nn.Variable;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;

import java.util.List;

/**
 * The reference training loss: {@code softmax_cross_entropy(one_hot(labels), logits,
 * label_smoothing)} (batch mean) {@code + weight_decay · Σ l2_loss(v)} over the variables whose
 * {@link Variable#weightDecay()} is true (kernels and dense biases; not batch-norm parameters).
 *
 * @param total what {@code backward()} is called on
 * @param crossEntropy the data term alone, the {@code loss} TensorBoard and progress show
 * @param l2 {@code Σ l2_loss(v)} before the weight-decay factor (0 when weight decay is 0; it is
 *           then not computed at all)
 */
public record TrainingLoss(Tensor total, Tensor crossEntropy, Tensor l2) {

    /**
     * @param labels class indices in [0, C), INT32 or INT64, one per logits row
     * @param variables all model variables; the decayed ones are picked here
     */
    public static TrainingLoss compute(Tensor logits, Tensor labels, double labelSmoothing, double weightDecay, List<Variable> variables) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight_decay must be a finite number >= 0, got " + weightDecay);
        }
        Tensor crossEntropy = LossOps.softmaxCrossEntropyMean(logits, labels, labelSmoothing);
        if (weightDecay == 0) {
            return new TrainingLoss(crossEntropy, crossEntropy, Tensor.scalarLike(crossEntropy, 0));
        }
        Tensor l2 = null;
        for (Variable v : variables) {
            if (v.weightDecay()) {
                Tensor term = LossOps.l2Loss(v.value());
                l2 = l2 == null ? term : l2.add(term);
            }
        }
        if (l2 == null) {
            return new TrainingLoss(crossEntropy, crossEntropy, Tensor.scalarLike(crossEntropy, 0));
        }
        Tensor total = crossEntropy.add(l2.mul(weightDecay));
        return new TrainingLoss(total, crossEntropy, l2);
    }
}
