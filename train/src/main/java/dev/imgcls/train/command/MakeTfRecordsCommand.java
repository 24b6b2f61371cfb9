package dev.imgcls.train.command;

import dev.imgcls.data.convert.MakeTfRecords;

import java.io.PrintStream;

/** {@code imgcls make-tfrecords}: image folders or a CSV to TFRecord shards the trainer reads. */
final class MakeTfRecordsCommand implements Command {
    @Override
    public String name() {
        return "make-tfrecords";
    }

    @Override
    public String summary() {
        return "convert class folders or a CSV of images into TFRecord shards and labels.txt";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        return MakeTfRecords.run(args, out, err);
    }
}
