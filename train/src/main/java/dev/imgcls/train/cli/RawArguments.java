package dev.imgcls.train.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tokens of a command line sorted into flag values. Accepted: {@code --name=value},
 * {@code --name value}, a boolean flag alone ({@code --skip_bad_images} = true, or followed by
 * true/false), {@code --help}/{@code -h}. A repeated flag keeps its last value, as absl and
 * argparse do (the tuning service appends its trial's values after the job's own arguments).
 */
final class RawArguments {
    private final Map<Flag, String> values = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private boolean help;

    private RawArguments() {
    }

    static RawArguments read(String[] args) {
        RawArguments raw = new RawArguments();
        for (int i = 0; i < args.length; i++) {
            i = raw.readOne(args, i);
        }
        return raw;
    }

    Map<Flag, String> values() {
        return values;
    }

    List<String> problems() {
        return problems;
    }

    boolean helpRequested() {
        return help;
    }

    /** Reads the token at {@code i} (and its value, if separate); returns the index of the last token used. */
    private int readOne(String[] args, int i) {
        String token = args[i];
        if (token.equals("--help") || token.equals("-h") || token.equals("-help")) {
            help = true;
            return i;
        }
        if (!token.startsWith("--") || token.length() == 2) {
            problems.add(notAFlag(token));
            return i;
        }
        String body = token.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        boolean separateValue = eq < 0 && i + 1 < args.length && !args[i + 1].startsWith("--");
        Flag flag = Flags.BY_SPELLING.get(name);
        if (flag == null) {
            problems.add(unknownFlag(name));
            // "--max_step 100": the 100 belongs to the unknown flag, not a second problem.
            return separateValue ? i + 1 : i;
        }
        if (eq >= 0) {
            values.put(flag, body.substring(eq + 1));
            return i;
        }
        if (flag.isBoolean()) {
            if (i + 1 < args.length && args[i + 1].toLowerCase(Locale.ROOT).matches("true|false")) {
                values.put(flag, args[i + 1]);
                return i + 1;
            }
            values.put(flag, "true");
            return i;
        }
        if (!separateValue) {
            problems.add(flag.display() + " needs a value: " + flag.display() + "=" + flag.metavar());
            return i;
        }
        values.put(flag, args[i + 1]);
        return i + 1;
    }

    private static String notAFlag(String token) {
        if (token.startsWith("-") && token.length() > 1) {
            String name = token.substring(1).split("=", 2)[0];
            Flag known = Flags.BY_SPELLING.get(name);
            if (known != null) {
                return "unexpected argument '" + token + "'; flags start with two dashes: " + known.display();
            }
        }
        return "unexpected argument '" + token + "'; arguments are --name=value or --name value (see --help)";
    }

    private static String unknownFlag(String name) {
        List<String> names = new ArrayList<>();
        for (Flag f : Flags.ALL) {
            names.add(f.name());
        }
        List<String> suggestions = Suggestions.closest(name, names);
        String hint = suggestions.isEmpty() ? "; see --help for the list" : Suggestions.didYouMean("--", suggestions);
        return "unknown argument --" + name + hint;
    }
}
