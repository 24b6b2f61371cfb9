package dev.imgcls.train.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one flag parser of every {@code imgcls} command: the tokens of a command line sorted into the
 * values of the command's flags. Accepted: {@code --name=value}, {@code --name value}, a switch alone
 * ({@code --skip_bad_images} = true, or followed by true/false), {@code --help}/{@code -h}, and
 * positional arguments where the command takes them. A repeated flag keeps its last value, as absl
 * and argparse do (the tuning service appends its trial's values after the job's own arguments).
 * Problems (an unknown flag, with "did you mean", a missing value, a stray word) are collected, not
 * thrown, so a command reports them all at once; {@link FlagValues} reads typed values.
 */
public final class CommandLine {
    private final Map<String, FlagSpec> bySpelling = new LinkedHashMap<>();
    private final List<FlagSpec> flags;
    private final boolean positionalsAllowed;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> given = new ArrayList<>();
    private final List<String> positionals = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean help;

    private CommandLine(List<FlagSpec> flags, boolean positionalsAllowed) {
        this.flags = List.copyOf(flags);
        this.positionalsAllowed = positionalsAllowed;
        for (FlagSpec f : flags) {
            bySpelling.put(f.name(), f);
            if (f.alias() != null) {
                bySpelling.put(f.alias(), f);
            }
        }
    }

    /**
     * @param flags              the command's flags
     * @param positionalsAllowed whether words that are not flags are the command's operands (files, a
     *                           model directory) rather than mistakes
     */
    public static CommandLine read(String[] args, List<FlagSpec> flags, boolean positionalsAllowed) {
        CommandLine line = new CommandLine(flags, positionalsAllowed);
        for (int i = 0; i < args.length; i++) {
            i = line.readOne(args, i);
        }
        return line;
    }

    /** The last value given to each flag, by its name (not its alias); a switch given alone is "true". */
    public Map<String, String> values() {
        return values;
    }

    /** Every flag given, in order, as {@code --name=value} (the name, not the alias): for passing on. */
    public List<String> given() {
        return given;
    }

    /** The words that are not flags, in order (always empty for a command without positionals). */
    public List<String> positionals() {
        return positionals;
    }

    /** What was wrong with the tokens, one line each, in command-line order. */
    public List<String> problems() {
        return problems;
    }

    public boolean helpRequested() {
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
            if (positionalsAllowed && !token.startsWith("-")) {
                positionals.add(token);
            } else {
                problems.add(notAFlag(token));
            }
            return i;
        }
        String body = token.substring(2);
        int eq = body.indexOf('=');
        String name = eq < 0 ? body : body.substring(0, eq);
        boolean separateValue = eq < 0 && i + 1 < args.length && !args[i + 1].startsWith("--");
        FlagSpec flag = bySpelling.get(name);
        if (flag == null) {
            problems.add(unknownFlag(name));
            // "--max_step 100": the 100 belongs to the unknown flag, not a second problem.
            return separateValue ? i + 1 : i;
        }
        if (eq >= 0) {
            put(flag, body.substring(eq + 1));
            return i;
        }
        if (flag.isBoolean()) {
            if (i + 1 < args.length && args[i + 1].toLowerCase(Locale.ROOT).matches("true|false")) {
                put(flag, args[i + 1]);
                return i + 1;
            }
            put(flag, "true");
            return i;
        }
        if (!separateValue) {
            problems.add(flag.display() + " needs a value: " + flag.display() + "=" + flag.metavar());
            return i;
        }
        put(flag, args[i + 1]);
        return i + 1;
    }

    private void put(FlagSpec flag, String value) {
        values.put(flag.name(), value);
        given.add(flag.display() + "=" + value);
    }

    private String notAFlag(String token) {
        if (token.startsWith("-") && token.length() > 1) {
            String name = token.substring(1).split("=", 2)[0];
            FlagSpec known = bySpelling.get(name);
            if (known != null) {
                return "unexpected argument '" + token + "'; flags start with two dashes: " + known.display();
            }
        }
        return "unexpected argument '" + token + "'; arguments are --name=value or --name value (see --help)";
    }

    private String unknownFlag(String name) {
        List<String> names = flags.stream().map(FlagSpec::name).toList();
        List<String> suggestions = Suggestions.closest(name, names);
        String hint = suggestions.isEmpty() ? "; see --help for the list" : Suggestions.didYouMean("--", suggestions);
        return "unknown argument --" + name + hint;
    }
}
