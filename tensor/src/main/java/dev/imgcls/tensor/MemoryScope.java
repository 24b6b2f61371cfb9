package dev.imgcls.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Owns the tensors created while it is open on this thread and releases them all on close, so
 * the temporaries of one training step are freed at once (this matters for device memory; on the
 * CPU it drops array references early). Tensors created outside any scope are unowned and live
 * until garbage collected or released explicitly.
 *
 * <pre>{@code
 * try (MemoryScope step = MemoryScope.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();            // leaf gradients are detached from the scope automatically
 *     result = step.keep(loss);   // survives: moved to the enclosing scope (or unowned)
 * }
 * }</pre>
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<MemoryScope> CURRENT = new ThreadLocal<>();

    private final MemoryScope parent;
    private final Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private MemoryScope(MemoryScope parent) {
        this.parent = parent;
    }

    public static MemoryScope open() {
        MemoryScope scope = new MemoryScope(CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The innermost open scope of this thread, or null. */
    public static MemoryScope current() {
        return CURRENT.get();
    }

    static void register(Tensor t) {
        MemoryScope s = CURRENT.get();
        if (s != null) {
            s.owned.add(t);
            t.setOwner(s);
        }
    }

    /** Takes a tensor out of whatever scope owns it: it becomes unowned. */
    public static void detach(Tensor t) {
        MemoryScope owner = t.owner();
        if (owner != null) {
            owner.owned.remove(t);
            t.setOwner(null);
        }
    }

    /** Moves {@code t} from this scope to the enclosing one (or makes it unowned) and returns it. */
    public Tensor keep(Tensor t) {
        if (t.owner() == this) {
            owned.remove(t);
            t.setOwner(null);
            if (parent != null) {
                parent.owned.add(t);
                t.setOwner(parent);
            }
        }
        return t;
    }

    public int ownedCount() {
        return owned.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread || CURRENT.get() != this) {
            throw new IllegalStateException("memory scopes must be closed innermost first, on the thread that opened them");
        }
        closed = true;
        List<Tensor> toRelease = new ArrayList<>(owned);
        owned.clear();
        for (Tensor t : toRelease) {
            t.setOwner(null);
            t.release();
        }
        CURRENT.set(parent);
    }
}
