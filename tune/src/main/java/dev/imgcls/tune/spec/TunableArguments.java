package dev.imgcls.tune.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The training arguments of the built-in image classification algorithm that a study may tune, as the
 * reference page lists them ("Tunable hyperparameters"), with the values the trainer accepts.
 */
public final class TunableArguments {
    /** The model_type options of the reference page. */
    public static final List<String> MODEL_TYPES = List.of(
            "resnet-18", "resnet-34", "resnet-50", "resnet-101", "resnet-152", "resnet-200",
            "efficientnet-b0", "efficientnet-b1", "efficientnet-b2", "efficientnet-b3",
            "efficientnet-b4", "efficientnet-b5", "efficientnet-b6", "efficientnet-b7");

    /** The only metric the trainer reports to the tuning service. */
    public static final String METRIC_TAG = "top_1_accuracy";

    private static final Pattern OPTIMIZER_ARGUMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=[^,=\\s]+");

    private static final Map<String, TunableArgument> IMAGE_CLASSIFICATION = index(List.of(
            TunableArgument.real("initial_learning_rate", 0, Double.POSITIVE_INFINITY, true),
            TunableArgument.choice("learning_rate_decay_type", List.of("cosine", "stepwise")),
            TunableArgument.integer("max_steps", 1),
            TunableArgument.choice("optimizer_type", List.of("momentum", "adam", "rmsprop")),
            TunableArgument.text("optimizer_arguments", TunableArguments::checkOptimizerArguments),
            TunableArgument.integer("image_size", 1),
            TunableArgument.choice("model_type", MODEL_TYPES),
            TunableArgument.real("label_smoothing", 0, 1, false),
            TunableArgument.real("weight_decay", 0, Double.POSITIVE_INFINITY, true)));

    private TunableArguments() {
    }

    /** The tunable arguments of the image classification trainer, by name, in the reference page's order. */
    public static Map<String, TunableArgument> imageClassification() {
        return IMAGE_CLASSIFICATION;
    }

    /** optimizer_arguments is a comma-separated list of name=value pairs, e.g. {@code momentum=0.9,use_nesterov=true}. */
    static Optional<String> checkOptimizerArguments(String value) {
        if (value.isEmpty()) {
            return Optional.of("an empty string (leave optimizer_arguments out of the study instead)");
        }
        for (String pair : value.split(",", -1)) {
            if (!OPTIMIZER_ARGUMENT.matcher(pair.strip()).matches()) {
                return Optional.of("'" + value + "': '" + pair + "' is not a name=value pair");
            }
        }
        return Optional.empty();
    }

    private static Map<String, TunableArgument> index(List<TunableArgument> arguments) {
        Map<String, TunableArgument> byName = new LinkedHashMap<>();
        for (TunableArgument a : arguments) {
            byName.put(a.name(), a);
        }
        return java.util.Collections.unmodifiableMap(byName);
    }
}
