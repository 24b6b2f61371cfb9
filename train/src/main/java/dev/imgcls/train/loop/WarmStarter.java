package dev.imgcls.train.loop;

import dev.imgcls.nn.Model;

import java.io.IOException;
import java.io.PrintStream;

/** Initialises a new job's model from {@code --pretrained_checkpoint_path}, reporting what it loaded. */
@FunctionalInterface
public interface WarmStarter {
    void initialize(Model model, String checkpointPath, PrintStream out) throws IOException;
}
