package dev.imgcls.train.faults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One trainer invocation: arguments, working directory, the fault hook to arm (null: none), the
 * trace file (null: none), the user (this one or the unprivileged other), the umask, and extra
 * environment variables (the tuning metric file among them).
 */
record Launch(List<String> args, Path cwd, String faults, Path trace, boolean otherUser, String umask, Map<String, String> env) {
    static Launch of(List<String> args, Path cwd) {
        return new Launch(args, cwd, null, null, false, "022", Map.of());
    }

    Launch faults(String spec) {
        return new Launch(args, cwd, spec, trace, otherUser, umask, env);
    }

    Launch trace(Path file) {
        return new Launch(args, cwd, faults, file, otherUser, umask, env);
    }

    Launch asOtherUser() {
        return new Launch(args, cwd, faults, trace, true, umask, env);
    }

    Launch umask(String mask) {
        return new Launch(args, cwd, faults, trace, otherUser, mask, env);
    }

    Launch env(Map<String, String> variables) {
        return new Launch(args, cwd, faults, trace, otherUser, umask, variables);
    }
}
