package dev.imgcls.data.pipeline;

import dev.imgcls.data.tfrecord.Compression;
import dev.imgcls.data.tfrecord.TFRecord;
import dev.imgcls.data.tfrecord.TFRecordReader;
import dev.imgcls.io.FileSystem;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One TFRecord file being read on a shared I/O executor, up to {@code capacity} records ahead of its
 * consumer, so that opening a file, waiting on Cloud Storage and checking CRCs overlap across the
 * files of an interleave instead of stalling it. At most one read task per file runs at a time and
 * only it touches the reader; records come out in file order.
 */
final class ReadAheadShard implements AutoCloseable {

    private final String path;
    private final FileSystem fileSystem;
    private final Compression compression;
    private final Executor io;
    private final int capacity;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<TFRecord> buffer = new ArrayDeque<>();
    private boolean ended;
    private IOException failure;
    private boolean taskActive;
    private boolean closed;
    /** Owned by the active task; by {@link #close()} when none is active. */
    private TFRecordReader reader;
    private long records;

    ReadAheadShard(String path, FileSystem fileSystem, Compression compression, Executor io, int capacity) {
        this.path = path;
        this.fileSystem = fileSystem;
        this.compression = compression;
        this.io = io;
        this.capacity = capacity;
    }

    String path() {
        return path;
    }

    /** Records taken so far. */
    long recordsTaken() {
        return records;
    }

    /** Starts reading in the background without waiting. */
    void prefetch() {
        lock.lock();
        try {
            scheduleIfNeeded();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next record of the file, or {@code null} at its end.
     *
     * @throws IOException the read error (missing file, corrupt record), again on every later call
     */
    TFRecord take() throws IOException, InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (closed) {
                    throw new InterruptedIOException("reading " + path + " was stopped");
                }
                TFRecord next = buffer.poll();
                if (next != null) {
                    records++;
                    if (buffer.size() <= capacity / 2) {
                        scheduleIfNeeded();
                    }
                    return next;
                }
                if (failure != null) {
                    throw failure;
                }
                if (ended) {
                    return null;
                }
                scheduleIfNeeded();
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops reading; the file is closed now or, if a read is in flight, as soon as it returns. */
    @Override
    public void close() {
        TFRecordReader toClose = null;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            buffer.clear();
            changed.signalAll();
            if (!taskActive) {
                toClose = reader;
                reader = null;
            }
        } finally {
            lock.unlock();
        }
        closeQuietly(toClose);
    }

    /** Call with the lock held. */
    private void scheduleIfNeeded() {
        if (taskActive || closed || ended || failure != null || buffer.size() >= capacity) {
            return;
        }
        taskActive = true;
        try {
            io.execute(this::fill);
        } catch (RejectedExecutionException e) {
            taskActive = false;
            failure = new InterruptedIOException("reading " + path + " was stopped: the pipeline is shutting down");
            changed.signalAll();
        }
    }

    /** The read task: reads until the buffer is full, the file ends, it fails, or the shard is closed. */
    private void fill() {
        try {
            if (reader == null && !isClosed()) {
                reader = TFRecordReader.open(fileSystem, path, compression);
            }
            while (true) {
                lock.lock();
                try {
                    if (closed || buffer.size() >= capacity) {
                        finishTask();
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                TFRecord record = reader.next();
                lock.lock();
                try {
                    if (record == null) {
                        ended = true;
                    } else if (!closed) {
                        buffer.add(record);
                    }
                    changed.signalAll();
                    if (record == null) {
                        finishTask();
                        return;
                    }
                } finally {
                    lock.unlock();
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            lock.lock();
            try {
                failure = e instanceof IOException io ? io : new IOException("reading " + path + " failed: " + e, e);
                changed.signalAll();
                finishTask();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Call with the lock held: ends the active task, closing the file if it is no longer needed. */
    private void finishTask() {
        taskActive = false;
        if (closed || ended || failure != null) {
            closeQuietly(reader);
            reader = null;
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(TFRecordReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (IOException ignored) {
                // Nothing useful to do: we are done with the file, and any data error was already reported.
            }
        }
    }
}
