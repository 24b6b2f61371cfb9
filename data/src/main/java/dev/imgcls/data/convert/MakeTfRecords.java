package dev.imgcls.data.convert;

import dev.imgcls.io.IoErrorText;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code make-tfrecords} as a library call: converts images to the TFRecords the trainer reads, and
 * says what went wrong in words when it cannot. The training jar's {@code make-tfrecords} command
 * parses the flags into {@link ConvertOptions} and calls {@link #run}.
 */
public final class MakeTfRecords {

    private MakeTfRecords() {}

    /**
     * Converts; progress and messages go to {@code err}.
     *
     * @return 0 on success, 1 when the conversion failed (the reason printed as one line)
     */
    public static int run(ConvertOptions options, PrintStream err) {
        try {
            new DatasetConverter(err).convert(options);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("make-tfrecords: error: " + message(e));
            return 1;
        }
    }

    /** What went wrong in words, naming the file (the JDK's file exceptions hold only the path as their message). */
    static String message(Exception e) {
        if (e instanceof BadSourceImage) {
            return e.getMessage() + "; pass --skip_bad_images to leave out such images (each is listed)";
        }
        if (e instanceof IOException io) {
            return IoErrorText.describe(io);
        }
        String message = e.getMessage();
        return message != null && !IoErrorText.mentionsJavaClass(message) ? message
                : "the conversion failed on an internal error (a bug in imgcls)";
    }
}
