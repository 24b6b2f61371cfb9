package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An unprivileged second user ({@code nobody}) to run trainers as, when this JVM is root: for
 * the two-users probe, and because root ignores file permissions, for the unreadable and
 * unwritable path probes. It needs a class path it can read: when the test class path is not
 * (under {@code /root}, typically), its entries are copied to a world-readable folder.
 */
final class OtherUser {
    static final String NAME = "nobody";

    private final int uid;
    private final int gid;
    private final String classPath;

    private OtherUser(int uid, int gid, String classPath) {
        this.uid = uid;
        this.gid = gid;
        this.classPath = classPath;
    }

    /** Why there is no other user to run as here, or empty when there is. */
    static Optional<String> unavailable(String java) throws IOException, InterruptedException {
        if (!"0".equals(Shell.output("id", "-u").strip())) {
            return Optional.of("not root: cannot run as another user");
        }
        if (Shell.status("id", "-u", NAME) != 0) {
            return Optional.of("no user '" + NAME + "'");
        }
        if (Shell.status("sh", "-c", "command -v setpriv") != 0) {
            return Optional.of("no setpriv");
        }
        if (!readableByOthers(Path.of(java))) {
            return Optional.of(java + " is not readable by other users");
        }
        return Optional.empty();
    }

    /** Prepares the other user; copies the class path under {@code shared} if it cannot read it. */
    static OtherUser prepare(String classPath, Path shared) throws IOException, InterruptedException {
        int uid = Integer.parseInt(Shell.output("id", "-u", NAME).strip());
        int gid = Integer.parseInt(Shell.output("id", "-g", NAME).strip());
        List<String> entries = new ArrayList<>();
        Path copies = shared.resolve("classpath");
        int n = 0;
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.isEmpty() || !Files.exists(p) || p.getFileName().toString().contains("tensorflow")) {
                continue; // the test-only TensorFlow runtime is large and not needed by the trainer
            }
            if (readableByOthers(p)) {
                entries.add(entry);
                continue;
            }
            Path copy = copies.resolve((n++) + "-" + p.getFileName());
            copyTree(p, copy);
            entries.add(copy.toString());
        }
        if (Files.exists(copies)) {
            makeReadable(shared);
        }
        return new OtherUser(uid, gid, String.join(java.io.File.pathSeparator, entries));
    }

    List<String> prefix() {
        return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups");
    }

    String classPath() {
        return classPath;
    }

    int uid() {
        return uid;
    }

    int gid() {
        return gid;
    }

    /** Gives the other user the file or folder (recursively), as if it had made it. */
    void own(Path path) throws IOException, InterruptedException {
        Shell.check("chown", "-R", uid + ":" + gid, path.toString());
    }

    /** Whether every folder above {@code path} can be searched and the file itself read by anyone. */
    static boolean readableByOthers(Path path) throws IOException {
        Path real = path.toRealPath();
        for (Path p = real.getParent(); p != null; p = p.getParent()) {
            if (!PosixFilePermissions.toString(Files.getPosixFilePermissions(p)).endsWith("x")) {
                return false;
            }
        }
        if (Files.isDirectory(real)) {
            try (Stream<Path> walk = Files.walk(real)) {
                return walk.allMatch(OtherUser::othersCanRead);
            }
        }
        return othersCanRead(real);
    }

    private static boolean othersCanRead(Path p) {
        try {
            String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
            return perms.charAt(6) == 'r' && (!Files.isDirectory(p) || perms.charAt(8) == 'x');
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** a+rX on a whole tree. */
    static void makeReadable(Path root) throws IOException, InterruptedException {
        Shell.check("chmod", "-R", "a+rX", root.toString());
    }
}
