package dev.imgcls.train.faults;

import dev.imgcls.io.FaultPoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts the trainer ({@code imgcls train}) as a separate JVM, the way a user or AI Platform
 * does, so that it can be killed for real. {@code sh -c 'umask …; exec …'} sets the umask and
 * keeps the pid; the other user's runs go through {@code setpriv} with a class path it can read.
 */
final class TrainerLauncher {
    static final String MAIN = "dev.imgcls.train.command.Main";
    /** Variables the trainer reads from its environment; removed so that only the Launch decides them. */
    private static final List<String> TRAINER_VARIABLES = List.of("CLOUD_ML_HP_METRIC_FILE", "CLOUD_ML_TRIAL_ID", "TF_CONFIG");

    private final String java;
    private final String classPath;
    private final OtherUser otherUser;
    private final Path logs;
    private final AtomicInteger counter = new AtomicInteger();

    TrainerLauncher(String java, String classPath, OtherUser otherUser, Path logs) throws IOException {
        this.java = java;
        this.classPath = classPath;
        this.otherUser = otherUser;
        this.logs = Files.createDirectories(logs);
    }

    /** This JVM's java and test class path (everything the trainer needs is on it). */
    static String currentJava() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    TrainerProcess start(Launch launch) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask \"$0\" && exec \"$@\"", launch.umask()));
        String cp = classPath;
        if (launch.otherUser()) {
            command.addAll(otherUser.prefix());
            cp = otherUser.classPath();
        }
        command.addAll(List.of(java, "--add-modules=jdk.incubator.vector", "-Xmx1g", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
        if (launch.faults() != null) {
            command.add("-D" + FaultPoints.FAULTS_PROPERTY + "=" + launch.faults());
        }
        if (launch.trace() != null) {
            command.add("-D" + FaultPoints.TRACE_PROPERTY + "=" + launch.trace());
        }
        command.addAll(List.of("-cp", cp, MAIN, "train"));
        command.addAll(launch.args());
        int n = counter.incrementAndGet();
        Path out = logs.resolve("run-" + n + ".out");
        Path err = logs.resolve("run-" + n + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.cwd().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        TRAINER_VARIABLES.forEach(env::remove);
        env.putAll(launch.env());
        return new TrainerProcess(builder.start(), out, err);
    }
}
