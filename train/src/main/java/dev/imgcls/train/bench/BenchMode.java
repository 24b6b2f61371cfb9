package dev.imgcls.train.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What one benchmark step measures: a training step, or an inference pass as PyTorch's eval mode under no_grad runs it. */
public enum BenchMode {
    TRAIN("train", "training", "forward (train mode) + loss + backward + %s update"),
    INFER("infer", "inference", "forward (eval mode: moving batch-norm statistics, no dropout) without gradients + logits read to the host");

    private final String id;
    private final String noun;
    private final String step;

    BenchMode(String id, String noun, String step) {
        this.id = id;
        this.noun = noun;
        this.step = step;
    }

    /** The flag value, {@code --mode=ID}. */
    public String id() {
        return id;
    }

    /** "training" or "inference", as the report names what it measured. */
    public String noun() {
        return noun;
    }

    /** What one step does; a training step names its optimizer. */
    public String step(String optimizer) {
        return String.format(Locale.ROOT, step, optimizer);
    }

    /** The per-step figure printed with each step: the training loss, or the mean logit of an inference pass. */
    public String valueName() {
        return this == TRAIN ? "loss" : "mean logit";
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(BenchMode::id).toList();
    }

    public static BenchMode of(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + id + "'; choose one of " + ids()));
    }
}
