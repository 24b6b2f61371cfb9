package dev.imgcls.train.metrics;

/** JSON strings and numbers written as Python's {@code json.dumps} writes them (ensure_ascii on). */
public final class JsonText {
    private JsonText() {
    }

    /**
     * A quoted string: '"' and '\' escaped, \n \r \t \b \f in their short forms, every other
     * character outside ' '..'~' as backslash-u and 4 lowercase hex digits.
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c >= ' ' && c <= '~') {
                        sb.append(c);
                    } else {
                        sb.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** A number as Python's repr writes it; JSON has no NaN or infinity, so those become null. */
    public static String number(double v) {
        return Double.isFinite(v) ? PythonFloat.repr(v) : "null";
    }
}
