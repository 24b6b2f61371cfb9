package dev.imgcls.train.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Corrupt training inputs of every kind: the job must stop with one clean line naming the file
 * (no raw exception text on any stream), not crash, hang or train on garbage silently.
 */
final class CorruptInputProbe {
    static final String GROUP = "corrupt input";

    private CorruptInputProbe() {
    }

    static void run(SuiteContext ctx) throws IOException, InterruptedException {
        List<CorruptData.Kind> kinds = ctx.settings.full() ? List.of(CorruptData.Kind.values()) : CorruptData.SMALL;
        Path good = Path.of(ctx.job.trainingPattern()).getParent();
        for (CorruptData.Kind kind : kinds) {
            String training = CorruptData.write(kind, good, ctx.root.resolve("corrupt").resolve(kind.name().toLowerCase(Locale.ROOT)));
            Path jobDir = ctx.newJobDir("corrupt");
            Launch launch = Launch.of(ctx.job.args(jobDir.toString(), training, ctx.job.validationPattern()), ctx.root)
                    .env(ctx.launch(jobDir).env());
            RunResult r = ctx.launcher.start(launch).await(ctx.timeoutSeconds());
            List<String> failures = new ArrayList<>();
            String outcome;
            if (r.status() == 0 || r.timedOut()) {
                outcome = r.timedOut() ? "timed out" : "exit 0: trained on it";
                failures.add("the job did not stop: " + r.describe());
            } else {
                outcome = ErrorText.shortError(r);
                failures.addAll(ErrorText.problems(r));
                if (!ErrorText.full(r).contains(CorruptData.DAMAGED)) {
                    failures.add("the error does not name " + CorruptData.DAMAGED + ": " + outcome);
                }
            }
            ctx.table.record(GROUP, kind.description, "exit != 0, one clean line naming the file", CrashHookProbe.clip(outcome), failures);
        }
    }
}
