package dev.imgcls.train.command;

import dev.imgcls.export.savedmodel.ExportedModel;
import dev.imgcls.io.IoErrorText;
import dev.imgcls.serve.ModelReloader;
import dev.imgcls.serve.PredictionServer;
import dev.imgcls.serve.ServeOptions;
import dev.imgcls.train.cli.CommandLine;
import dev.imgcls.train.cli.FlagSpec;
import dev.imgcls.train.cli.FlagValues;
import dev.imgcls.train.predict.ServedModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code imgcls serve --model_dir=DIR}: serves an exported SavedModel over HTTP with TF Serving's
 * REST predict API (and AI Platform's JSON), with our own inference, until SIGTERM or Ctrl-C, which
 * stop it gracefully (requests in flight finish).
 */
final class ServeCommand implements Command {
    static final FlagSpec MODEL_DIR = FlagSpec.value("model_dir", "DIR");
    static final FlagSpec PORT = FlagSpec.value("port", "N");
    static final FlagSpec HOST = FlagSpec.value("host", "ADDRESS");
    static final FlagSpec MODEL_NAME = FlagSpec.value("model_name", "NAME");
    static final FlagSpec MAX_BATCH_SIZE = FlagSpec.value("max_batch_size", "N");
    static final FlagSpec BATCH_TIMEOUT_MICROS = FlagSpec.value("batch_timeout_micros", "N");
    static final FlagSpec MAX_BODY_BYTES = FlagSpec.value("max_body_bytes", "N");
    static final FlagSpec MAX_INSTANCES = FlagSpec.value("max_instances", "N");
    static final FlagSpec POLL_SECONDS = FlagSpec.value("poll_seconds", "N");
    private static final List<FlagSpec> FLAGS = List.of(MODEL_DIR, PORT, HOST, MODEL_NAME, MAX_BATCH_SIZE, BATCH_TIMEOUT_MICROS, MAX_BODY_BYTES,
            MAX_INSTANCES, POLL_SECONDS);
    private static final int DEFAULT_POLL_SECONDS = 5;

    private static final String USAGE = """
            usage: imgcls serve --model_dir=DIR [--port=8501] [--host=0.0.0.0] [--model_name=default]
                                [--max_batch_size=32] [--batch_timeout_micros=2000] [--max_body_bytes=67108864] [--max_instances=256]
                                [--poll_seconds=5]

            Serves the SavedModel in DIR (as exported by imgcls) with TF Serving's REST API, without TensorFlow:
              POST /v1/models/NAME:predict    {"instances": [{"image_bytes": {"b64": "..."}, "key": "1"}]}
                                              or {"inputs": {"image_bytes": [{"b64": "..."}], "key": ["1"]}}
              GET  /v1/models/NAME            the model's status
              GET  /v1/models/NAME/metadata   its serving signature
              GET  /healthz                   200 once the model is loaded
              GET  /metrics                   Prometheus counters and latency histogram
            Concurrent requests are batched together (up to --max_batch_size images, waiting at most
            --batch_timeout_micros for more). A newer export in DIR (a job's model/ is replaced when a better
            model is exported) is loaded and swapped in without dropping requests; it is looked for every
            --poll_seconds (0: never). SIGTERM stops it after the requests in flight.
            """;

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "serve an exported model over HTTP (TF Serving's REST predict API)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = CommandLine.read(args, FLAGS, false);
        if (line.helpRequested()) {
            out.print(USAGE);
            return 0;
        }
        FlagValues v = new FlagValues(line);
        String modelDir = v.required(MODEL_DIR);
        ServeOptions options = null;
        try {
            options = new ServeOptions(v.text(MODEL_NAME.name(), ServeOptions.DEFAULT_MODEL_NAME), v.text(HOST.name(), "0.0.0.0"),
                    v.integer(PORT.name(), ServeOptions.DEFAULT_PORT), v.integer(MAX_BATCH_SIZE.name(), ServeOptions.DEFAULT_MAX_BATCH_SIZE),
                    v.longInteger(BATCH_TIMEOUT_MICROS.name(), ServeOptions.DEFAULT_BATCH_TIMEOUT_MICROS),
                    v.longInteger(MAX_BODY_BYTES.name(), ServeOptions.DEFAULT_MAX_BODY_BYTES),
                    v.integer(MAX_INSTANCES.name(), ServeOptions.DEFAULT_MAX_INSTANCES), ServeOptions.DEFAULT_GRACE_PERIOD_MILLIS);
        } catch (IllegalArgumentException e) {
            v.problem(e.getMessage());
        }
        int pollSeconds = v.integerAtLeast(POLL_SECONDS.name(), DEFAULT_POLL_SECONDS, 0);
        if (!Arguments.usable(v, err)) {
            return Arguments.USAGE;
        }
        ServedModel model;
        try {
            model = new ServedModel(ExportedModel.load(Path.of(modelDir)));
        } catch (IOException e) {
            err.println("error: " + IoErrorText.describe(e));
            return 1;
        } catch (RuntimeException e) {
            err.println("error: cannot load the model in " + modelDir + ": " + e.getMessage());
            return 1;
        }
        PredictionServer server;
        try {
            server = PredictionServer.start(model, options, "1");
        } catch (Exception e) {
            err.println("error: cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage()
                    + "; choose another --port or --host");
            return 1;
        }
        ModelReloader reloader = new ModelReloader(Path.of(modelDir), dir -> new ServedModel(ExportedModel.load(dir)), server, out::println);
        if (pollSeconds > 0) {
            reloader.start(pollSeconds * 1000L);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("imgcls serve: stopping; requests in flight finish first");
            reloader.close();
            server.close();
        }, "imgcls-serve-shutdown"));
        out.println("imgcls serve: serving " + model.modelType() + " (" + model.numClasses() + " classes, " + model.imageSize() + " px) from "
                + modelDir + " as " + options.modelName() + " on " + server.uri() + " (POST /v1/models/" + options.modelName() + ":predict)");
        out.flush();
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
