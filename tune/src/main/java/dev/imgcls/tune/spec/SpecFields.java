package dev.imgcls.tune.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, forgiving access to one object of the spec tree. Field names match in lowerCamelCase or snake_case
 * (the API's JSON accepts both); numbers may be written as strings (YAML 1.1 reads {@code 1e-4} as a string, and
 * the API's JSON writes 64-bit integers as strings). Problems are collected, never thrown, so that a user sees
 * every mistake at once.
 */
final class SpecFields {
    private final Map<String, Object> byKey = new LinkedHashMap<>();
    private final Map<String, String> spelling = new LinkedHashMap<>();
    private final String where;
    private final List<String> problems;

    SpecFields(Map<?, ?> object, String where, List<String> problems) {
        this.where = where;
        this.problems = problems;
        for (Map.Entry<?, ?> e : object.entrySet()) {
            String key = String.valueOf(e.getKey());
            byKey.put(normalize(key), e.getValue());
            spelling.put(normalize(key), key);
        }
    }

    static String normalize(String key) {
        return key.replace("_", "").toLowerCase(Locale.ROOT);
    }

    String where() {
        return where;
    }

    boolean has(String field) {
        return byKey.containsKey(normalize(field)) && byKey.get(normalize(field)) != null;
    }

    Object raw(String field) {
        return byKey.get(normalize(field));
    }

    void problem(String message) {
        problems.add(where + message);
    }

    /** Reports the fields that are not among {@code known}, naming the known ones. */
    void rejectUnknown(Set<String> known) {
        Set<String> normalizedKnown = new java.util.HashSet<>();
        for (String k : known) {
            normalizedKnown.add(normalize(k));
        }
        for (Map.Entry<String, String> e : spelling.entrySet()) {
            if (!normalizedKnown.contains(e.getKey())) {
                problem("unknown field '" + e.getValue() + "' (known fields: " + String.join(", ", known) + ")");
            }
        }
    }

    Optional<String> string(String field) {
        Object v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map || v instanceof List) {
            problem(field + " must be a single value, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(String.valueOf(v).strip());
    }

    Optional<Double> number(String field) {
        Object v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        Optional<Double> d = toNumber(v);
        if (d.isEmpty()) {
            problem(field + " must be a number, got " + describe(v));
        }
        return d;
    }

    Optional<Integer> integer(String field) {
        Optional<Double> d = number(field);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        double x = d.get();
        if (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE) {
            problem(field + " must be a whole number, got " + TextFormat.number(x));
            return Optional.empty();
        }
        return Optional.of((int) x);
    }

    Optional<Boolean> bool(String field) {
        Object v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return Optional.of(Boolean.parseBoolean(s));
        }
        problem(field + " must be true or false, got " + describe(v));
        return Optional.empty();
    }

    /** An enum constant by name, case-insensitively; {@code aliases} maps extra accepted names to constants. */
    <E extends Enum<E>> Optional<E> enumValue(String field, Class<E> type, Map<String, E> aliases) {
        Optional<String> s = string(field);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String name = s.get().toUpperCase(Locale.ROOT);
        if (aliases.containsKey(name)) {
            return Optional.of(aliases.get(name));
        }
        List<String> accepted = new ArrayList<>();
        for (E c : type.getEnumConstants()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
            accepted.add(c.name());
        }
        accepted.addAll(aliases.keySet());
        problem(field + " '" + s.get() + "' is not one of " + accepted);
        return Optional.empty();
    }

    Optional<List<Object>> list(String field) {
        Object v = raw(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof List<?> l)) {
            problem(field + " must be a list, got " + describe(v));
            return Optional.empty();
        }
        return Optional.of(new ArrayList<>(l));
    }

    Optional<List<Double>> numberList(String field) {
        Optional<List<Object>> l = list(field);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        List<Double> out = new ArrayList<>();
        for (Object item : l.get()) {
            Optional<Double> d = toNumber(item);
            if (d.isEmpty()) {
                problem(field + " must hold numbers only, got " + describe(item));
                return Optional.empty();
            }
            out.add(d.get());
        }
        return Optional.of(out);
    }

    Optional<List<String>> stringList(String field) {
        Optional<List<Object>> l = list(field);
        if (l.isEmpty()) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (Object item : l.get()) {
            if (item == null || item instanceof Map || item instanceof List) {
                problem(field + " must hold strings only, got " + describe(item));
                return Optional.empty();
            }
            out.add(item instanceof BigDecimal bd ? bd.toPlainString() : String.valueOf(item).strip());
        }
        return Optional.of(out);
    }

    private static Optional<Double> toNumber(Object v) {
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        if (v instanceof String s) {
            try {
                double d = Double.parseDouble(s.strip());
                return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        return "'" + v + "'";
    }
}
