package dev.imgcls.train.cli;

import dev.imgcls.nn.optim.AdamSettings;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.OptimizerSettings;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.optim.RmsPropSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerArgumentsParserTest {

    @Test
    void emptyTextMeansTf1Defaults() {
        assertEquals(new MomentumSettings(0.9, false), OptimizerArgumentsParser.parse(OptimizerType.MOMENTUM, ""));
        assertEquals(new AdamSettings(0.9, 0.999, 1e-8), OptimizerArgumentsParser.parse(OptimizerType.ADAM, "  "));
        assertEquals(new RmsPropSettings(0.9, 0.0, 1e-10, false), OptimizerArgumentsParser.parse(OptimizerType.RMSPROP, ""));
    }

    @Test
    void pairsAreTrimmedAndBooleansIgnoreCase() {
        assertEquals(new MomentumSettings(0.95, true), OptimizerArgumentsParser.parse(OptimizerType.MOMENTUM, " momentum = 0.95 , use_nesterov=TRUE "));
        assertEquals(new RmsPropSettings(0.8, 0.9, 1e-3, true),
                OptimizerArgumentsParser.parse(OptimizerType.RMSPROP, "decay=0.8,momentum=0.9,epsilon=1e-3,centered=True"));
    }

    @Test
    void adamAcceptsTf1AndKerasSpellingsOfTheBetas() {
        assertEquals(new AdamSettings(0.5, 0.75, 1e-8), OptimizerArgumentsParser.parse(OptimizerType.ADAM, "beta_1=0.5,beta2=0.75"));
        assertEquals(new AdamSettings(0.5, 0.75, 1e-7), OptimizerArgumentsParser.parse(OptimizerType.ADAM, "beta1=.5,beta_2=0.75,epsilon=1e-7"));
    }

    @ParameterizedTest
    @EnumSource(OptimizerType.class)
    void renderedSettingsParseBack(OptimizerType type) {
        OptimizerSettings odd = switch (type) {
            case MOMENTUM -> new MomentumSettings(0.123456789, true);
            case ADAM -> new AdamSettings(0.85, 0.9995, 3e-9);
            case RMSPROP -> new RmsPropSettings(0.95, 0.5, 1e-6, true);
        };
        assertEquals(odd, OptimizerArgumentsParser.parse(type, OptimizerArgumentsParser.render(odd)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "momentum|momentum|--optimizer_arguments entry 'momentum' is not name=value (for example momentum=0.9)",
            "momentum|=0.9|--optimizer_arguments entry '=0.9' is not name=value (for example momentum=0.9)",
            "momentum|momentum=0.9,|--optimizer_arguments entry '' is not name=value (for example momentum=0.9)",
            "momentum|momentum=fast|--optimizer_arguments: momentum expects a number, got 'fast'",
            "momentum|use_nesterov=1|--optimizer_arguments: use_nesterov expects true or false, got '1'",
            "momentum|momentum=-0.5|--optimizer_arguments: momentum must be a finite number >= 0, got -0.5",
            "momentum|momentum=0.9,momentum=0.8|--optimizer_arguments gives momentum twice",
            "momentum|learning_rate=0.1|--optimizer_arguments: unknown key 'learning_rate' for optimizer_type momentum "
                    + "(the learning rate comes from --initial_learning_rate and the schedule); valid keys: momentum, use_nesterov",
            "adam|beta1=0.9,beta_1=0.8|--optimizer_arguments gives beta1 twice",
            "adam|beta1=1|--optimizer_arguments: beta1 must be in [0, 1), got 1",
            "adam|beta2=1.5|--optimizer_arguments: beta2 must be in [0, 1), got 1.5",
            "adam|epsilon=0|--optimizer_arguments: epsilon must be a finite number > 0, got 0",
            "adam|rho=0.9|--optimizer_arguments: unknown key 'rho' for optimizer_type adam; valid keys: beta1 or beta_1, "
                    + "beta2 or beta_2, epsilon",
            "rmsprop|decay=1|--optimizer_arguments: decay must be in [0, 1), got 1",
            "rmsprop|centered=maybe|--optimizer_arguments: centered expects true or false, got 'maybe'",
            "rmsprop|use_nesterov=true|--optimizer_arguments: unknown key 'use_nesterov' for optimizer_type rmsprop; "
                    + "valid keys: decay, momentum, epsilon, centered",
    })
    void badArgumentsGiveOneLineNamingTheValidKeys(String type, String text, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptimizerArgumentsParser.parse(LibraryChoices.optimizerType(type), text));
        assertEquals(expected, e.getMessage());
    }
}
