package dev.imgcls.export.warmstart;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.models.EfficientNetParams;
import dev.imgcls.nn.models.ResNetDepth;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@code model_type} a checkpoint most likely holds, judged from its variables' names and
 * shapes, so that a checkpoint that does not fit the model can be named in the error:
 * <ul>
 *   <li>EfficientNet: the number of {@code blocks_i} scopes, the stem width and the head width
 *       (B1 and B2 differ only in the head) against each {@code efficientnet-bX}'s;
 *   <li>ResNet: the number of {@code conv2d[_N]/kernel} and the dense kernel's input (512 pooled
 *       features for ResNet-18/34, 2048 from ResNet-50 on) against {@link ResNetDepth}'s table.
 * </ul>
 *
 * @param modelType the guessed model_type, or null when the checkpoint matches none
 * @param evidence  what the guess rests on ("53 convolutions, 2048 pooled features"), or why none fits
 */
public record ModelGuess(String modelType, String evidence) {

    private static final Pattern EFFICIENTNET = Pattern.compile("(.*?efficientnet-b\\d+)/(stem|head|blocks_(\\d+))/.*");
    private static final Pattern RESNET_CONV = Pattern.compile("(.*?)conv2d(?:_(\\d+))?/kernel");
    private static final String TF2_SUFFIX = "/.ATTRIBUTES/VARIABLE_VALUE";

    public boolean recognised() {
        return modelType != null;
    }

    /** {@code resnet-50 (53 convolutions, 2048 pooled features)}, or the reason no model_type fits. */
    public String describe() {
        return recognised() ? modelType + " (" + evidence + ")" : evidence;
    }

    /**
     * Guesses from the checkpoint's variables (name → shape); moving-average shadows and optimizer
     * state are ignored.
     */
    public static ModelGuess of(Map<String, long[]> variables) {
        Map<String, long[]> weights = new TreeMap<>();
        variables.forEach((name, dims) -> {
            if (!CheckpointNames.isEmaShadow(name) && CheckpointNames.optimizerStateKind(name).isEmpty()) {
                weights.put(name, dims);
            }
        });
        Optional<ModelGuess> guess = efficientNet(weights).or(() -> resNet(weights));
        if (guess.isPresent()) {
            return guess.get();
        }
        if (weights.keySet().stream().anyMatch(n -> n.endsWith(TF2_SUFFIX))) {
            return new ModelGuess(null, "a TF2 object-based checkpoint (names like " + firstEndingWith(weights, TF2_SUFFIX)
                    + "), not one with the TF1 reference names; use a TF1 checkpoint (e.g. from tf.compat.v1.train.Saver)");
        }
        return new ModelGuess(null, "no ResNet or EfficientNet variables (" + weights.size() + (weights.size() == 1 ? " variable" : " variables")
                + (weights.isEmpty() ? ")" : ", e.g. "
                + String.join(", ", weights.keySet().stream().limit(3).toList()) + ")"));
    }

    private static Optional<ModelGuess> efficientNet(Map<String, long[]> weights) {
        Map<String, TreeSet<Integer>> blocksByScope = new TreeMap<>();
        for (String name : weights.keySet()) {
            Matcher m = EFFICIENTNET.matcher(name);
            if (m.matches()) {
                TreeSet<Integer> blocks = blocksByScope.computeIfAbsent(m.group(1), k -> new TreeSet<>());
                if (m.group(3) != null) {
                    blocks.add(Integer.parseInt(m.group(3)));
                }
            }
        }
        String scope = null;
        for (var e : blocksByScope.entrySet()) {
            if (scope == null || e.getValue().size() > blocksByScope.get(scope).size()) {
                scope = e.getKey();
            }
        }
        if (scope == null) {
            return Optional.empty();
        }
        int blocks = blocksByScope.get(scope).size();
        long stem = outputChannels(weights.get(scope + "/stem/conv2d/kernel"));
        long head = outputChannels(weights.get(scope + "/head/conv2d/kernel"));
        String evidence = blocks + " blocks, stem width " + widthText(stem) + ", head width " + widthText(head);
        for (String type : ModelFactory.MODEL_TYPES) {
            if (type.startsWith("efficientnet-")) {
                EfficientNetParams p = EfficientNetParams.of(type);
                if (p.blocks().size() == blocks && p.stemFilters() == stem && p.headFilters() == head) {
                    return Optional.of(new ModelGuess(type, evidence));
                }
            }
        }
        return Optional.of(new ModelGuess(null, "an EfficientNet under scope '" + scope + "' (" + evidence
                + ") that matches none of efficientnet-b0 … b7"));
    }

    private static Optional<ModelGuess> resNet(Map<String, long[]> weights) {
        Map<String, Integer> convsByScope = new TreeMap<>();
        for (var e : weights.entrySet()) {
            Matcher m = RESNET_CONV.matcher(e.getKey());
            if (m.matches() && e.getValue().length == 4 && (m.group(1).isEmpty() || m.group(1).endsWith("/"))) {
                convsByScope.merge(m.group(1), 1, Integer::sum);
            }
        }
        String scope = null;
        for (var e : convsByScope.entrySet()) {
            if (scope == null || e.getValue() > convsByScope.get(scope)) {
                scope = e.getKey();
            }
        }
        if (scope == null) {
            return Optional.empty();
        }
        int convs = convsByScope.get(scope);
        long[] dense = weights.get(scope + "dense/kernel");
        long features = dense != null && dense.length == 2 ? dense[0] : -1;
        String evidence = convs + " convolutions" + (features > 0 ? ", " + features + " pooled features" : "")
                + (scope.isEmpty() ? "" : ", under scope '" + scope + "'");
        for (ResNetDepth r : ResNetDepth.ALL) {
            if (r.convolutions() == convs && (features < 0 || features == r.pooledFeatures())) {
                return Optional.of(new ModelGuess("resnet-" + r.depth(), evidence));
            }
        }
        return Optional.of(new ModelGuess(null, "a ResNet-like network (" + evidence + ") that matches no resnet-18 … 200"));
    }

    private static long outputChannels(long[] kernel) {
        return kernel != null && kernel.length == 4 ? kernel[3] : -1;
    }

    private static String widthText(long width) {
        return width < 0 ? "unknown" : Long.toString(width);
    }

    private static String firstEndingWith(Map<String, long[]> weights, String suffix) {
        return weights.keySet().stream().filter(n -> n.endsWith(suffix)).findFirst().orElseThrow();
    }
}
