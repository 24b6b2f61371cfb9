package dev.imgcls.io;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Glob patterns as {@code tf.io.gfile.glob} reads them (TensorFlow matches with
 * {@code fnmatch(FNM_PATHNAME)}): {@code *} is any run of characters and {@code ?} one character,
 * {@code [a-z]}, {@code [abc]}, {@code [!a]} (or {@code [^a]}) a character class, none of them
 * ever matching {@code /}; a backslash makes the next character literal, and a {@code [} with no
 * closing {@code ]} is literal too.
 */
public final class GlobPattern {

    private GlobPattern() {}

    /** True if the text has an unescaped {@code *}, {@code ?} or {@code [}. */
    public static boolean hasWildcards(String text) {
        return firstWildcard(text) >= 0;
    }

    /**
     * The literal text before the first wildcard, escapes removed: every match starts with it, so
     * it is what an object store can be listed by.
     */
    public static String literalPrefix(String pattern) {
        int wildcard = firstWildcard(pattern);
        return unescape(wildcard < 0 ? pattern : pattern.substring(0, wildcard));
    }

    /** The pattern with escapes removed; meaningful for patterns without wildcards. */
    public static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A regular expression that matches exactly the strings the glob matches. */
    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> { regex.append("[^/]*"); i++; }
                case '?' -> { regex.append("[^/]"); i++; }
                case '[' -> {
                    int end = classEnd(glob, i);
                    if (end < 0) {
                        appendLiteral(regex, c);
                        i++;
                    } else {
                        appendClass(regex, glob, i + 1, end);
                        i = end + 1;
                    }
                }
                case '\\' -> {
                    appendLiteral(regex, i + 1 < glob.length() ? glob.charAt(i + 1) : '\\');
                    i += 2;
                }
                default -> { appendLiteral(regex, c); i++; }
            }
        }
        try {
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid glob pattern '" + glob + "': " + e.getDescription(), e);
        }
    }

    /** Index of the first unescaped wildcard, or -1. */
    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code ]} closing the class opened at {@code open}, or -1 if it is not closed. */
    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // a ']' right after '[' or '[!' is a member, as in fnmatch
        }
        for (; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return -1;
    }

    /** Emits {@code glob[from, to)} (the inside of a bracket expression) as a Java class that never matches '/'. */
    private static void appendClass(StringBuilder regex, String glob, int from, int to) {
        boolean negated = glob.charAt(from) == '!' || glob.charAt(from) == '^';
        int i = negated ? from + 1 : from;
        StringBuilder members = new StringBuilder();
        while (i < to) {
            char c = glob.charAt(i);
            if (c == '\\' && i + 1 < to) {
                c = glob.charAt(++i);
            }
            appendCodeUnit(members, c);
            // A '-' between two members is a range; a leading or trailing one is literal.
            if (i + 2 < to && glob.charAt(i + 1) == '-') {
                char hi = glob.charAt(i + 2);
                int next = i + 3;
                if (hi == '\\' && i + 3 < to) {
                    hi = glob.charAt(i + 3);
                    next = i + 4;
                }
                members.append('-');
                appendCodeUnit(members, hi);
                i = next;
            } else {
                i++;
            }
        }
        if (negated) {
            regex.append("[^/").append(members).append(']');
        } else {
            regex.append("[").append(members).append("&&[^/]]");
        }
    }

    private static void appendLiteral(StringBuilder regex, char c) {
        appendCodeUnit(regex, c);
    }

    /** Every literal as a hex escape: no character can then mean anything special to the regex. */
    private static void appendCodeUnit(StringBuilder regex, char c) {
        regex.append(String.format("\\x{%x}", (int) c));
    }
}
