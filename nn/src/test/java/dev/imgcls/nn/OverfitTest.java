package dev.imgcls.nn;

import dev.imgcls.tensor.Autograd;
import dev.imgcls.tensor.Generator;
import dev.imgcls.tensor.MemoryScope;
import dev.imgcls.tensor.Tensor;
import dev.imgcls.tensor.ops.LossOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model that can learn drives the loss of one fixed batch to about zero with plain SGD. */
class OverfitTest {
    @ParameterizedTest
    @ValueSource(strings = {"resnet-18", "efficientnet-b0"})
    void plainSgdMemorisesEightImages(String modelType) {
        Model model = ModelFactory.create(modelType, 10, 11);
        Tensor images = Tensor.randomUniform(new Generator(5), 0, 255, 8, 32, 32, 3);
        Tensor labels = Tensor.ofInts(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 8);
        Generator noise = new Generator(6);
        double lr = 0.1;
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 300 && !(last < 0.01); step++) {
            try (MemoryScope s = MemoryScope.open()) {
                Tensor loss = LossOps.softmaxCrossEntropyMean(model.forward(images, Mode.train(noise)), labels, 0);
                loss.backward();
                last = loss.item();
                first = step == 0 ? last : first;
                try (Autograd.Scope ng = Autograd.noGrad()) {
                    for (Variable v : model.trainableVariables()) {
                        v.assign(v.value().sub(v.value().grad().mul(lr)));
                    }
                }
            }
        }
        assertTrue(first > 1.5, modelType + " starts near ln(10), got " + first);
        assertTrue(last < 0.05, modelType + " loss after SGD on a fixed batch: " + last + " (started at " + first + ")");
    }
}
