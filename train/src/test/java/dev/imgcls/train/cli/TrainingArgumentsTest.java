package dev.imgcls.train.cli;

import dev.imgcls.data.preprocess.CropSettings;
import dev.imgcls.nn.ModelFactory;
import dev.imgcls.nn.optim.AdamSettings;
import dev.imgcls.nn.optim.MomentumSettings;
import dev.imgcls.nn.optim.OptimizerType;
import dev.imgcls.nn.optim.RmsPropSettings;
import dev.imgcls.nn.schedule.DecayType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingArgumentsTest {
    /** The required arguments; tests add or override after them (the last value of a flag wins). */
    private static final List<String> REQUIRED = List.of("--training_data_path=gs://b/train-*", "--validation_data_path=gs://b/validation-*",
            "--job-dir=gs://b/job", "--num_classes=5", "--max_steps=1000");

    private static TrainingConfig parse(String... extra) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(Arrays.asList(extra));
        return TrainingArguments.parseConfig(args.toArray(String[]::new));
    }

    /** The single line a bad command line produces. */
    private static String problem(String... extra) {
        List<String> args = new ArrayList<>(REQUIRED);
        args.addAll(Arrays.asList(extra));
        ArgumentException e = assertThrows(ArgumentException.class, () -> TrainingArguments.parse(args.toArray(String[]::new)));
        assertEquals(1, e.problems().size(), () -> "expected one problem, got " + e.problems());
        assertFalse(e.problems().get(0).contains("\n"));
        return e.problems().get(0);
    }

    @Test
    void defaultsAreTheReferencePagesAndOurOwnDocumentedOnes() {
        TrainingConfig c = parse();
        assertEquals("gs://b/train-*", c.trainingDataPath());
        assertEquals("gs://b/validation-*", c.validationDataPath());
        assertEquals("gs://b/job", c.jobDir());
        assertEquals(5, c.numClasses());
        assertEquals(1000, c.maxSteps());
        assertEquals(32, c.trainBatchSize());
        assertEquals(0, c.numEvalImages());
        assertNull(c.pretrainedCheckpointPath());
        assertEquals(DecayType.COSINE, c.learningRateDecayType());
        assertEquals(0, c.warmupLearningRate());
        assertEquals(0, c.warmupSteps());
        assertEquals(0.0001, c.initialLearningRate());
        assertEquals(List.of(100L, 200L), c.stepwiseLearningRateSteps());
        assertEquals(List.of(0.008, 0.0008), c.stepwiseLearningRateLevels());
        assertEquals(new MomentumSettings(0.9, false), c.optimizer());
        assertEquals(224, c.imageSize());
        assertEquals("efficientnet-b0", c.modelType());
        assertEquals(0, c.labelSmoothing());
        assertEquals(0.0001, c.weightDecay());
        assertEquals(0, c.labelBase());
        assertEquals(0, c.seed());
        assertEquals(100, c.effectiveEvalEverySteps());
        assertEquals(100, c.effectiveCheckpointEverySteps());
        assertEquals(5, c.keepCheckpoints());
        assertEquals(DeviceChoice.AUTO, c.device());
        assertEquals(0, c.threads());
        assertFalse(c.skipBadImages());
    }

    @Test
    void readsTheArgumentsOfARealConsoleGeneratedJob() {
        // seed-spec §1.3: a classification job submitted from the console.
        TrainingConfig c = TrainingArguments.parseConfig("--training_data_path=gs://b/train*", "--validation_data_path=gs://b/val*",
                "--job-dir=gs://b/out", "--num_classes=2", "--max_steps=2", "--train_batch_size=64", "--num_eval_images=10",
                "--model_type=efficientnet-b0", "--label_smoothing=0.1", "--weight_decay=0.0001", "--warmup_learning_rate=0.0001",
                "--initial_learning_rate=0.0001", "--learning_rate_decay_type=cosine", "--optimizer_type=momentum",
                "--optimizer_arguments=momentum=0.9");
        assertEquals(64, c.trainBatchSize());
        assertEquals(10, c.numEvalImages());
        assertEquals(0.1, c.labelSmoothing());
        assertEquals(new MomentumSettings(0.9, false), c.optimizer());
        assertEquals(1, c.effectiveEvalEverySteps(), "max_steps=2 evaluates after every step");
    }

    @Test
    void acceptsSeparateValuesBothJobDirSpellingsAndLastValueWins() {
        TrainingConfig c = TrainingArguments.parseConfig("--training_data_path", "/data/train-*", "--validation_data_path", "/data/val-*",
                "--job_dir", "/tmp/job", "--num_classes", "10", "--max_steps", "500", "--seed", "-3",
                "--optimizer_type", "adam", "--optimizer_arguments", "beta1=0.8", "--max_steps=700");
        assertEquals("/tmp/job", c.jobDir());
        assertEquals(10, c.numClasses());
        assertEquals(700, c.maxSteps());
        assertEquals(-3, c.seed(), "a negative number after a flag is its value");
        assertEquals(new AdamSettings(0.8, 0.999, 1e-8), c.optimizer());
    }

    @Test
    void booleanFlagsTakeAnOptionalValueInAnyCase() {
        assertTrue(parse("--skip_bad_images").skipBadImages());
        assertTrue(parse("--skip_bad_images", "TRUE").skipBadImages());
        assertFalse(parse("--skip_bad_images=False").skipBadImages());
        TrainingConfig followed = parse("--skip_bad_images", "--seed=4");
        assertTrue(followed.skipBadImages());
        assertEquals(4, followed.seed());
    }

    @Test
    void everyChoiceAndOwnFlagIsRead() {
        TrainingConfig c = parse("--learning_rate_decay_type=stepwise", "--stepwise_learning_rate_steps= 10, 20 ,30",
                "--stepwise_learning_rate_levels=0.1,0.01,1e-3", "--warmup_steps=5", "--warmup_learning_rate=0.05",
                "--initial_learning_rate=0.2", "--optimizer_type=rmsprop", "--optimizer_arguments=momentum=0.9, epsilon=0.001",
                "--image_size=96", "--model_type=resnet-18", "--label_base=1", "--eval_every_steps=50", "--checkpoint_every_steps=25",
                "--keep_checkpoints=2", "--device=cpu", "--threads=3", "--num_eval_images=64", "--train_batch_size=8",
                "--pretrained_checkpoint_path=/ckpt/model.ckpt-10");
        assertEquals(DecayType.STEPWISE, c.learningRateDecayType());
        assertEquals(List.of(10L, 20L, 30L), c.stepwiseLearningRateSteps());
        assertEquals(List.of(0.1, 0.01, 0.001), c.stepwiseLearningRateLevels());
        assertEquals(new RmsPropSettings(0.9, 0.9, 0.001, false), c.optimizer());
        assertEquals(OptimizerType.RMSPROP, c.optimizerType());
        assertEquals(96, c.imageSize());
        assertEquals("resnet-18", c.modelType());
        assertEquals(1, c.labelBase());
        assertEquals(4, c.classIndex(5));
        assertEquals(50, c.effectiveEvalEverySteps());
        assertEquals(25, c.effectiveCheckpointEverySteps());
        assertEquals(2, c.keepCheckpoints());
        assertEquals(DeviceChoice.CPU, c.device());
        assertEquals(3, c.threads());
        assertEquals("/ckpt/model.ckpt-10", c.pretrainedCheckpointPath());
        // The schedule is built from these values: warm-up, then the levels.
        assertEquals(0.05 + 2 / 5.0 * (0.2 - 0.05), c.learningRateSchedule().at(2), 1e-15);
        assertEquals(0.2, c.learningRateSchedule().at(9));
        assertEquals(0.01, c.learningRateSchedule().at(25));
    }

    @Test
    void toArgumentsParsesBackToAnEqualConfiguration() {
        TrainingConfig c = parse("--optimizer_type=adam", "--optimizer_arguments=beta_2=0.99", "--label_smoothing=0.1",
                "--pretrained_checkpoint_path=gs://x/y", "--skip_bad_images", "--weight_decay=1e-5", "--stepwise_learning_rate_levels=3,0.5",
                "--data_sharding=batches", "--sync_batch_norm", "--collective_timeout_s=900", "--eval_crop_padding=0", "--min_crop_area=0.5");
        TrainingConfig again = TrainingArguments.parseConfig(c.toArguments().toArray(String[]::new));
        assertEquals(c, again);
        assertEquals(Flags.ALL.size(), c.toArguments().size());
        assertTrue(c.toArguments().contains("--weight_decay=0.00001"), c.toArguments().toString());
        TrainingConfig plain = parse();
        assertEquals(plain, TrainingArguments.parseConfig(plain.toArguments().toArray(String[]::new)));
        assertEquals(DataSharding.BATCHES, c.dataSharding());
        assertEquals(Flags.ALL.size() - 6, plain.toArguments().size(), "no pretrained_checkpoint_path when none was given, no "
                + "data_sharding, sync_batch_norm, collective_timeout_s, eval_crop_padding or min_crop_area at their defaults "
                + "(arguments as before)");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        ParsedArguments parsed = TrainingArguments.parse("--max_steps=oops", "--help");
        String text = assertInstanceOf(ParsedArguments.Help.class, parsed).text();
        for (Flag f : Flags.ALL) {
            assertTrue(text.contains("--" + f.name() + "="), "help lacks " + f.name());
        }
        for (String expected : List.of("(default: 32)", "(default: 0.0001)", "(default: 100,200)", "(default: 0.008,0.0008)",
                "(default: momentum)", "(default: cosine)", "(default: 224)", "(default: efficientnet-b0)", "(default: auto)",
                "(default: 0.9999 for efficientnet-*, 0 for resnet-*)", "(required)", "--help, -h")) {
            assertTrue(text.contains(expected), "help lacks " + expected);
        }
        for (String line : text.split("\n")) {
            assertTrue(line.length() <= 100, "help line too long: " + line);
        }
        assertInstanceOf(ParsedArguments.Help.class, TrainingArguments.parse("-h"));
    }

    // ---- every invalid case: one line each ----------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "--model_type=resnet50|--model_type 'resnet50' is not one of resnet-18, resnet-34, resnet-50, resnet-101, resnet-152, "
                    + "resnet-200, efficientnet-b0, efficientnet-b1, efficientnet-b2, efficientnet-b3, efficientnet-b4, efficientnet-b5, "
                    + "efficientnet-b6, efficientnet-b7; did you mean resnet-50?",
            "--label_smoothing=1|--label_smoothing must be in [0, 1), got 1",
            "--label_smoothing=-0.1|--label_smoothing must be in [0, 1), got -0.1",
            "--weight_decay=-1e-4|--weight_decay must be a finite number >= 0, got -0.0001",
            "--train_batch_size=0|--train_batch_size must be at least 1, got 0",
            "--num_eval_images=-1|--num_eval_images must be >= 0, got -1",
            "--warmup_steps=-5|--warmup_steps must be >= 0, got -5",
            "--initial_learning_rate=-0.1|--initial_learning_rate must be a finite number >= 0, got -0.1",
            "--warmup_learning_rate=-1|--warmup_learning_rate must be a finite number >= 0, got -1",
            "--image_size=0|--image_size must be at least 1, got 0",
            "--keep_checkpoints=0|--keep_checkpoints must be at least 1, got 0",
            "--eval_every_steps=-1|--eval_every_steps must be >= 0, got -1",
            "--checkpoint_every_steps=-2|--checkpoint_every_steps must be >= 0, got -2",
            "--threads=-1|--threads must be >= 0, got -1",
            "--moving_average_decay=1|--moving_average_decay must be in [0, 1) (0 turns the average off), got 1",
            "--moving_average_decay=-0.5|--moving_average_decay must be in [0, 1) (0 turns the average off), got -0.5",
            "--moving_average_decay=high|--moving_average_decay expects a number, got 'high'",
            "--label_base=2|--label_base must be 0 (labels 0..num_classes-1) or 1 (labels 1..num_classes), got 2",
            "--num_classes=1|--num_classes must be at least 2 (a classifier needs two classes), got 1",
            "--max_steps=-1|--max_steps must be >= 0, got -1",
            "--stepwise_learning_rate_steps=100,200,300|--stepwise_learning_rate_steps has 3 entries but "
                    + "--stepwise_learning_rate_levels has 2; give one level per step",
            "--stepwise_learning_rate_steps=200,100|--stepwise_learning_rate_steps must be strictly increasing, got 100 after 200",
            "--stepwise_learning_rate_steps=100,100|--stepwise_learning_rate_steps must be strictly increasing, got 100 after 100",
            "--stepwise_learning_rate_steps=-1,100|--stepwise_learning_rate_steps must be >= 0, got -1",
            "--stepwise_learning_rate_levels=0.1,-0.01|--stepwise_learning_rate_levels must be finite numbers >= 0, got -0.01",
            "--stepwise_learning_rate_steps=100,,200|--stepwise_learning_rate_steps has an empty entry in '100,,200'",
            "--stepwise_learning_rate_levels=0.1,x|--stepwise_learning_rate_levels expects a number, got 'x'",
            "--max_steps=1e3|--max_steps expects an integer, got '1e3'",
            "--train_batch_size=99999999999|--train_batch_size is too large: 99999999999",
            "--initial_learning_rate=nan|--initial_learning_rate expects a number, got 'nan'",
            "--initial_learning_rate=1e999|--initial_learning_rate is too large: 1e999",
            "--initial_learning_rate=0x10|--initial_learning_rate expects a number, got '0x10'",
            "--skip_bad_images=yes|--skip_bad_images expects true or false, got 'yes'",
            "--learning_rate_decay_type=linear|--learning_rate_decay_type 'linear' is not one of cosine, stepwise",
            "--learning_rate_decay_type=cosin|--learning_rate_decay_type 'cosin' is not one of cosine, stepwise; did you mean cosine?",
            "--optimizer_type=sgd|--optimizer_type 'sgd' is not one of momentum, adam, rmsprop",
            "--device=gpus|--device 'gpus' is not one of cpu, gpu, auto; did you mean gpu?",
            "--optimizer_arguments=nesterov=true|--optimizer_arguments: unknown key 'nesterov' for optimizer_type momentum; "
                    + "valid keys: momentum, use_nesterov",
            "--job-dir=|--job-dir must not be empty",
            "--max_step=5|unknown argument --max_step; did you mean --max_steps?",
            "--max-steps=5|unknown argument --max-steps; did you mean --max_steps?",
            "--learning_rate=0.1|unknown argument --learning_rate; did you mean --warmup_learning_rate or --initial_learning_rate?",
            "--verbosity=3|unknown argument --verbosity; see --help for the list",
            "-max_steps=5|unexpected argument '-max_steps=5'; flags start with two dashes: --max_steps",
            "extra|unexpected argument 'extra'; arguments are --name=value or --name value (see --help)",
    })
    void eachInvalidValueGivesOneClearLine(String argument, String expected) {
        assertEquals(expected, problem(argument));
    }

    @Test
    void anUnknownFlagsSeparateValueIsNotASecondProblem() {
        assertEquals("unknown argument --max_step; did you mean --max_steps?", problem("--max_step", "5"));
    }

    @Test
    void aFlagWithoutItsValueIsNamed() {
        assertEquals("--seed needs a value: --seed=N", problem("--seed"));
        assertEquals("--seed needs a value: --seed=N", problem("--seed", "--threads=2"));
    }

    @Test
    void missingRequiredArgumentsAreAllListed() {
        ArgumentException e = assertThrows(ArgumentException.class, () -> TrainingArguments.parse("--num_classes=3"));
        assertEquals(List.of("missing required argument --training_data_path=PATTERN",
                "missing required argument --validation_data_path=PATTERN", "missing required argument --job-dir=DIR",
                "missing required argument --max_steps=N"), e.problems());
    }

    @Test
    void everyProblemIsReportedOnceAndAValueThatDidNotParseIsNotCheckedFurther() {
        ArgumentException e = assertThrows(ArgumentException.class, () -> parse("--bogus=1", "--train_batch_size=x",
                "--label_smoothing=2", "--stepwise_learning_rate_steps=a,b,c"));
        assertEquals(List.of("unknown argument --bogus; see --help for the list", "--train_batch_size expects an integer, got 'x'",
                "--stepwise_learning_rate_steps expects an integer, got 'a'", "--label_smoothing must be in [0, 1), got 2"),
                e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    @Test
    void optimizerArgumentsAreCheckedAgainstTheChosenType() {
        assertEquals("--optimizer_arguments: unknown key 'momentum' for optimizer_type adam; valid keys: beta1 or beta_1, "
                + "beta2 or beta_2, epsilon", problem("--optimizer_type=adam", "--optimizer_arguments=momentum=0.9"));
        // With an unknown type, its arguments cannot be judged: only the type is reported.
        assertEquals("--optimizer_type 'adamw' is not one of momentum, adam, rmsprop; did you mean adam?",
                problem("--optimizer_type=adamw", "--optimizer_arguments=weight_decay=0.1"));
    }

    @Test
    void theConstructorEnforcesTheSameRules() {
        TrainingConfig c = parse();
        ArgumentException e = assertThrows(ArgumentException.class, () -> new TrainingConfig(c.trainingDataPath(),
                c.validationDataPath(), c.jobDir(), c.numClasses(), c.maxSteps(), c.trainBatchSize(), c.numEvalImages(), null,
                c.learningRateDecayType(), c.warmupLearningRate(), c.warmupSteps(), c.initialLearningRate(), List.of(5L, 3L),
                List.of(0.1, 0.2), c.optimizer(), c.imageSize(), "vgg-16", 0, 0, 0, 0, 0, 0, 1, DeviceChoice.AUTO, 0, false, DataSharding.FILES,
                false, 600, 32, 0.08, 0));
        assertEquals(List.of("--stepwise_learning_rate_steps must be strictly increasing, got 3 after 5",
                "--model_type 'vgg-16' is not one of " + String.join(", ", ModelFactory.MODEL_TYPES)), e.problems());
    }

    @Test
    void collectiveTimeoutIsPositiveAndOnlyListedWhenNotTheDefault() {
        assertEquals(600, parse().collectiveTimeoutSeconds());
        assertTrue(parse().toArguments().stream().noneMatch(a -> a.startsWith("--collective_timeout_s")));
        TrainingConfig c = parse("--collective_timeout_s", "1200");
        assertEquals(1200, c.collectiveTimeoutSeconds());
        assertTrue(c.toArguments().contains("--collective_timeout_s=1200"));
        ArgumentException e = assertThrows(ArgumentException.class, () -> parse("--collective_timeout_s=0"));
        assertEquals(List.of("--collective_timeout_s must be at least 1, got 0"), e.problems());
    }

    @Test
    void cropSettingsAreTheReferencesByDefaultAndOnlyListedWhenChanged() {
        TrainingConfig plain = parse();
        assertEquals(32, plain.evalCropPadding());
        assertEquals(0.08, plain.minCropArea());
        assertEquals(CropSettings.REFERENCE, plain.cropSettings());
        assertTrue(plain.toArguments().stream().noneMatch(a -> a.startsWith("--eval_crop_padding") || a.startsWith("--min_crop_area")));
        TrainingConfig small = parse("--eval_crop_padding=0", "--min_crop_area", "0.5");
        assertEquals(new CropSettings(0, 0.5f), small.cropSettings());
        assertTrue(small.toArguments().containsAll(List.of("--eval_crop_padding=0", "--min_crop_area=0.5")), small.toArguments().toString());
        assertEquals(small, TrainingArguments.parseConfig(small.toArguments().toArray(String[]::new)));
        // Either one alone is listed alone.
        assertEquals(List.of("--min_crop_area=1"), parse("--min_crop_area=1").toArguments().stream()
                .filter(a -> a.startsWith("--eval_crop_padding") || a.startsWith("--min_crop_area")).toList());
    }

    @Test
    void badCropSettingsAreRejectedWithTheirRange() {
        assertEquals("--eval_crop_padding must be >= 0, got -1", problem("--eval_crop_padding=-1"));
        assertEquals("--eval_crop_padding expects an integer, got '0.5'", problem("--eval_crop_padding=0.5"));
        String range = "--min_crop_area must be in (0, 1] (a fraction of the picture's area; 1 = no random crop), got ";
        assertEquals(range + "0", problem("--min_crop_area=0"));
        assertEquals(range + "1.5", problem("--min_crop_area=1.5"));
        assertEquals(range + "-0.2", problem("--min_crop_area=-0.2"));
        assertEquals(range + ValueSyntax.formatDouble(1e-50), problem("--min_crop_area=1e-50"), "0 as a float32");
        assertTrue(problem("--min_crop_area=half").startsWith("--min_crop_area expects a number"), problem("--min_crop_area=half"));
    }

    @Test
    void theMovingAverageIsOnForEfficientNetAndOffForResNetUnlessGiven() {
        assertEquals(0.9999, parse().movingAverageDecay(), "the reference's EfficientNet default");
        assertEquals(0.9999, parse("--model_type=efficientnet-b3").movingAverageDecay());
        assertEquals(0, parse("--model_type=resnet-50").movingAverageDecay(), "the reference's ResNet averages nothing");
        assertEquals(0.999, parse("--model_type=resnet-18", "--moving_average_decay=0.999").movingAverageDecay());
        assertEquals(0, parse("--moving_average_decay=0").movingAverageDecay());
        TrainingConfig resnet = parse("--model_type=resnet-18");
        assertTrue(resnet.toArguments().contains("--moving_average_decay=0"), resnet.toArguments().toString());
        assertEquals(resnet, TrainingArguments.parseConfig(resnet.toArguments().toArray(String[]::new)));
        assertTrue(parse().toArguments().contains("--moving_average_decay=0.9999"));
    }

    @Test
    void syncBatchNormIsOffByDefaultAndOnlyListedWhenOn() {
        assertFalse(parse().syncBatchNorm());
        assertTrue(parse().toArguments().stream().noneMatch(a -> a.startsWith("--sync_batch_norm")));
        TrainingConfig c = parse("--sync_batch_norm");
        assertTrue(c.syncBatchNorm());
        assertTrue(c.toArguments().contains("--sync_batch_norm=true"));
        assertEquals(c, TrainingArguments.parseConfig(c.toArguments().toArray(String[]::new)));
    }
}
