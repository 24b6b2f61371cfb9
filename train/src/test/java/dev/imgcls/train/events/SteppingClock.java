package dev.imgcls.train.events;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;

/** A clock that returns the given instants in order, then repeats the last. */
final class SteppingClock implements InstantSource {
    private final Deque<Instant> instants = new ArrayDeque<>();
    private Instant last;

    SteppingClock(double... epochSeconds) {
        for (double s : epochSeconds) {
            long whole = (long) Math.floor(s);
            instants.add(Instant.ofEpochSecond(whole, Math.round((s - whole) * 1e9)));
        }
    }

    @Override
    public Instant instant() {
        if (!instants.isEmpty()) {
            last = instants.removeFirst();
        }
        return last;
    }
}
