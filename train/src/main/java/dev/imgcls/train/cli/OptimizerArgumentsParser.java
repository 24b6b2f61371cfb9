package dev.imgcls.train.cli;

import dev.imgcls.nn.optim.AdamSettings;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.optim.RmsPropSettings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.imgcls.train.cli.ValueSyntax.formatDouble;

/**
 * {@code optimizer_arguments}: {@code name=value} pairs separated by commas, spaces around either
 * trimmed, with TF1's constructor keyword names for the chosen {@code optimizer_type}; keys not
 * given keep TF1's defaults (momentum: 0.9, see {@link MomentumSettings}). Booleans are
 * true/false in any case. Messages are whole lines starting with {@code --optimizer_arguments}.
 */
final class OptimizerArgumentsParser {
    private static final String FLAG = "--optimizer_arguments";

    /** Accepted spellings per optimizer → canonical key. */
    private static final Map<OptimizerType, Map<String, String>> KEYS = Map.of(
            OptimizerType.MOMENTUM, keys("momentum", "momentum", "use_nesterov", "use_nesterov"),
            OptimizerType.ADAM, keys("beta1", "beta1", "beta_1", "beta1", "beta2", "beta2", "beta_2", "beta2", "epsilon", "epsilon"),
            OptimizerType.RMSPROP, keys("decay", "decay", "momentum", "momentum", "epsilon", "epsilon", "centered", "centered"));

    private OptimizerArgumentsParser() {
    }

    private static Map<String, String> keys(String... spellingThenCanonical) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < spellingThenCanonical.length; i += 2) {
            m.put(spellingThenCanonical[i], spellingThenCanonical[i + 1]);
        }
        return m;
    }

    static OptimizerSettings parse(OptimizerType type, String text) {
        Map<String, String> values = pairs(type, text);
        try {
            return switch (type) {
                case MOMENTUM -> {
                    MomentumSettings d = MomentumSettings.DEFAULTS;
                    yield new MomentumSettings(number(values, "momentum", d.momentum()), bool(values, "use_nesterov", d.useNesterov()));
                }
                case ADAM -> {
                    AdamSettings d = AdamSettings.DEFAULTS;
                    yield new AdamSettings(number(values, "beta1", d.beta1()), number(values, "beta2", d.beta2()),
                            number(values, "epsilon", d.epsilon()));
                }
                case RMSPROP -> {
                    RmsPropSettings d = RmsPropSettings.DEFAULTS;
                    yield new RmsPropSettings(number(values, "decay", d.decay()), number(values, "momentum", d.momentum()),
                            number(values, "epsilon", d.epsilon()), bool(values, "centered", d.centered()));
                }
            };
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(FLAG) ? e : new IllegalArgumentException(FLAG + ": " + e.getMessage(), e);
        }
    }

    /** The canonical text of settings: every key of its optimizer, TF1 spelling. */
    static String render(OptimizerSettings settings) {
        if (settings instanceof MomentumSettings m) {
            return "momentum=" + formatDouble(m.momentum()) + ",use_nesterov=" + m.useNesterov();
        }
        if (settings instanceof AdamSettings a) {
            return "beta1=" + formatDouble(a.beta1()) + ",beta2=" + formatDouble(a.beta2()) + ",epsilon=" + formatDouble(a.epsilon());
        }
        RmsPropSettings r = (RmsPropSettings) settings;
        return "decay=" + formatDouble(r.decay()) + ",momentum=" + formatDouble(r.momentum()) + ",epsilon=" + formatDouble(r.epsilon())
                + ",centered=" + r.centered();
    }

    /** Canonical key → value text, checking syntax, known keys and duplicates. */
    private static Map<String, String> pairs(OptimizerType type, String text) {
        Map<String, String> accepted = KEYS.get(type);
        Map<String, String> out = new HashMap<>();
        if (text.isBlank()) {
            return out;
        }
        for (String entry : text.split(",", -1)) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(FLAG + " entry '" + trimmed + "' is not name=value (for example momentum=0.9)");
            }
            String key = trimmed.substring(0, eq).trim();
            String value = trimmed.substring(eq + 1).trim();
            String canonical = accepted.get(key);
            if (canonical == null) {
                throw new IllegalArgumentException(unknownKey(type, key));
            }
            if (out.put(canonical, value) != null) {
                throw new IllegalArgumentException(FLAG + " gives " + canonical + " twice");
            }
        }
        return out;
    }

    private static String unknownKey(OptimizerType type, String key) {
        List<String> valid = new ArrayList<>();
        Map<String, List<String>> spellings = new LinkedHashMap<>();
        KEYS.get(type).forEach((spelling, canonical) -> spellings.computeIfAbsent(canonical, k -> new ArrayList<>()).add(spelling));
        spellings.forEach((canonical, all) -> valid.add(all.size() == 1 ? canonical : String.join(" or ", all)));
        String hint = key.equals("learning_rate") || key.equals("lr")
                ? " (the learning rate comes from --initial_learning_rate and the schedule)" : "";
        return FLAG + ": unknown key '" + key + "' for optimizer_type " + type.id() + hint + "; valid keys: "
                + String.join(", ", valid);
    }

    private static double number(Map<String, String> values, String key, double defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return ValueSyntax.parseDouble(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FLAG + ": " + key + " " + e.getMessage());
        }
    }

    private static boolean bool(Map<String, String> values, String key, boolean defaultValue) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        try {
            return ValueSyntax.parseBoolean(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FLAG + ": " + key + " " + e.getMessage());
        }
    }
}
