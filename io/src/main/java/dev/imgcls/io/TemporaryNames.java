package dev.imgcls.io;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Names of the files and folders written beside their target before being renamed into place:
 * hidden (so that patterns like {@code train-*} never pick up something still being written), with
 * a random part (so that two writers never collide) and recognisable, so that a later run can
 * remove what a killed one left.
 */
public final class TemporaryNames {
    private static final String SUFFIX = ".tmp";
    private static final Pattern FILE = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TemporaryNames() {
    }

    /** A fresh temporary name for a file to be published as {@code name}: {@code .NAME.RANDOM.tmp}. */
    public static String forFile(String name) {
        return "." + name + "." + randomPart() + SUFFIX;
    }

    /** True for a name {@link #forFile} makes. */
    public static boolean isTemporaryFile(String name) {
        return FILE.matcher(name).matches();
    }

    /** A short random token of lower-case letters and digits. */
    public static String randomPart() {
        return Long.toUnsignedString(RANDOM.nextLong(), 36);
    }
}
