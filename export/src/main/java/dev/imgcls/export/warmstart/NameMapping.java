package dev.imgcls.export.warmstart;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a model variable's name becomes a checkpoint variable's name: the same name, or the same
 * name under an outer scope the checkpoint's training code put around the reference model.
 *
 * <p>Known cases:
 * <ul>
 *   <li>none: the TPU reference ResNet ({@code conv2d_52/kernel}), the reference EfficientNet
 *       ({@code efficientnet-b0/blocks_3/conv2d/kernel}, its scope is part of the reference name)
 *       and imgcls's own checkpoints;
 *   <li>{@code resnet50/}: ResNet-50 backbones as the TPU RetinaNet / detection code scopes them;
 *   <li>{@code resnet_model/}: the ResNet of {@code tensorflow/models} (official, TF1).
 * </ul>
 * Rather than a fixed list, {@link #detect} derives the candidates from the checkpoint: every
 * prefix that ends (at a {@code /}) right before a name of one of the model's variables. It keeps
 * the names as they are unless a prefix makes strictly more model variables match.
 */
public record NameMapping(String checkpointScope) {

    public static final NameMapping NONE = new NameMapping("");

    public NameMapping {
        if (!checkpointScope.isEmpty() && !checkpointScope.endsWith("/")) {
            throw new IllegalArgumentException("a checkpoint scope ends with '/', got '" + checkpointScope + "'");
        }
    }

    /** The checkpoint name of a model variable. */
    public String checkpointName(String modelVariable) {
        return checkpointScope + modelVariable;
    }

    public boolean isNone() {
        return checkpointScope.isEmpty();
    }

    /** For the load table: which mapping was used. */
    public String describe() {
        return isNone() ? "none (checkpoint names are the model's names)"
                : "'" + checkpointScope + "' + the model's names (the checkpoint's variables are under that scope)";
    }

    /**
     * The mapping under which most model variables have a checkpoint variable of the same name
     * (raw or as its moving-average shadow); no scope unless one matches strictly more.
     *
     * @param checkpointNames the checkpoint's variable names, optimizer state included or not
     */
    public static NameMapping detect(Set<String> modelNames, Collection<String> checkpointNames) {
        Set<String> scopes = new TreeSet<>();
        for (String name : checkpointNames) {
            if (CheckpointNames.optimizerStateKind(name).isPresent()) {
                continue;
            }
            String base = CheckpointNames.isEmaShadow(name) ? name.substring(0, name.length() - CheckpointNames.EMA_SUFFIX.length()) : name;
            for (int slash = base.indexOf('/'); slash >= 0; slash = base.indexOf('/', slash + 1)) {
                if (modelNames.contains(base.substring(slash + 1))) {
                    scopes.add(base.substring(0, slash + 1));
                }
            }
        }
        Set<String> present = Set.copyOf(checkpointNames);
        NameMapping best = NONE;
        int bestMatches = countMatches(NONE, modelNames, present);
        for (String scope : scopes) {
            NameMapping candidate = new NameMapping(scope);
            int matches = countMatches(candidate, modelNames, present);
            if (matches > bestMatches || (matches == bestMatches && !best.isNone() && scope.length() < best.checkpointScope().length())) {
                best = candidate;
                bestMatches = matches;
            }
        }
        return best;
    }

    private static int countMatches(NameMapping mapping, Set<String> modelNames, Set<String> present) {
        int n = 0;
        for (String m : modelNames) {
            String c = mapping.checkpointName(m);
            if (present.contains(c) || present.contains(CheckpointNames.emaShadowOf(c))) {
                n++;
            }
        }
        return n;
    }
}
