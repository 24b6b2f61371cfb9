package dev.imgcls.train.events;

import java.io.Closeable;
import java.io.IOException;

/** Where an event file's framed records go; every append is visible to readers when it returns. */
interface EventSink extends Closeable {
    void append(byte[] framedRecord) throws IOException;
}
