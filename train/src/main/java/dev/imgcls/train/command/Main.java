package dev.imgcls.train.command;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code imgcls} jar's entry point: {@code imgcls [command] [arguments]}. Without a command
 * word (first argument starting with {@code --}, as AI Platform passes the reference arguments)
 * it trains.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ConsoleLogging.configure(System.getenv());
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Dispatches; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Command> commands = commands();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            if (args.length == 0) {
                err.print(usage(commands));
                return 2;
            }
            out.print(usage(commands));
            return 0;
        }
        String first = args[0];
        if (first.startsWith("-")) {
            return new TrainCommand().run(args, out, err);
        }
        for (Command c : commands) {
            if (c.name().equals(first)) {
                return c.run(Arrays.copyOfRange(args, 1, args.length), out, err);
            }
        }
        err.println("imgcls: unknown command '" + first + "'; commands: "
                + String.join(", ", commands.stream().map(Command::name).toList()) + " (imgcls --help)");
        return 2;
    }

    static List<Command> commands() {
        return List.of(new TrainCommand(), new DemoCommand(), new MakeTfRecordsCommand(), new InspectCommand(), new PredictCommand(),
                new EvaluateCommand(), new ServeCommand(), new TuneStudyCommand(), new BenchStepsCommand(), new EngineCommand(),
                new DoctorCommand());
    }

    static String usage(List<Command> commands) {
        StringBuilder sb = new StringBuilder("""
                imgcls: image classification training (ResNet, EfficientNet) on TFRecords, TF checkpoints and SavedModels out.

                usage: imgcls <command> [arguments]      (imgcls <command> --help for a command's arguments)
                       imgcls --training_data_path=... --validation_data_path=... --job-dir=... --num_classes=N --max_steps=N
                              (no command word: train, as AI Platform invokes the built-in algorithm)

                commands:
                """);
        for (Command c : commands) {
            sb.append(String.format("  %-15s %s%n", c.name(), c.summary()));
        }
        return sb.toString();
    }
}
