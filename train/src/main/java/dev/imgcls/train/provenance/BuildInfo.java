package dev.imgcls.train.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The build this trainer is: the project version and the git commit it was built from, written
 * into {@code dev/imgcls/train/build.properties} at build time ({@code train/src/build/build-info.sh}).
 * The commit is {@code "unknown"} when the sources were not a git checkout; {@code dirty} says
 * whether tracked files differed from that commit.
 */
public record BuildInfo(String version, String commit, String dirty) {
    static final String RESOURCE = "/dev/imgcls/train/build.properties";
    static final String UNKNOWN = "unknown";

    /** This build's, or all {@code "unknown"} when the classes were compiled without the resource (an IDE build). */
    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable resource in our own jar: record what is known, which is nothing.
        }
        return new BuildInfo(p.getProperty("version", UNKNOWN), p.getProperty("commit", UNKNOWN), p.getProperty("dirty", UNKNOWN));
    }
}
