package dev.imgcls.tune.run;

import java.io.IOException;

/** Starts trial training runs; {@link SubprocessTrialLauncher} runs each as its own process. */
public interface TrialLauncher {

    TrialProcess start(TrialRequest request) throws IOException;
}
