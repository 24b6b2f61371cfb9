package dev.imgcls.train.command;

import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.schedule.DecayType;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.TrainingArguments;
import dev.imgcls.tune.spec.TunableArgument;
import dev.imgcls.tune.spec.TunableArguments;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tuner knows the trainer only as a process, so it keeps its own list of what a study may tune; this is where
 * that list is held to the trainer's flags and choices (train depends on both sides).
 */
class TunableArgumentsMatchTheTrainerTest {
    @Test
    void everyTunableArgumentIsATrainerFlag() {
        Set<String> flags = TrainingArguments.flags().stream().map(FlagSpec::name).collect(Collectors.toSet());
        for (String name : TunableArguments.imageClassification().keySet()) {
            assertTrue(flags.contains(name), name + " is not a flag of the trainer");
        }
    }

    @Test
    void theChoicesAreTheTrainers() {
        assertEquals(ModelFactory.MODEL_TYPES, TunableArguments.MODEL_TYPES);
        assertEquals(ModelFactory.MODEL_TYPES, choices("model_type"));
        assertEquals(Arrays.stream(OptimizerType.values()).map(OptimizerType::id).toList(), choices("optimizer_type"));
        assertEquals(Arrays.stream(DecayType.values()).map(DecayType::id).toList(), choices("learning_rate_decay_type"));
    }

    private static List<String> choices(String name) {
        TunableArgument argument = TunableArguments.imageClassification().get(name);
        assertEquals(TunableArgument.Kind.CHOICE, argument.kind(), name);
        return argument.choices();
    }
}
