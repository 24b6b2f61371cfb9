package dev.imgcls.kernels.cuda;

import java.util.List;
import java.util.function.Function;

/** A vendor library opened through our binding ({@code library} null when missing) and its status for reports. */
record Loaded<T>(T library, LibraryStatus status) {
    boolean found() {
        return library != null;
    }

    /** The library; throws with the status's problem and fix when it is missing. */
    T require() {
        if (library == null) {
            throw new IllegalStateException(status.problem());
        }
        return library;
    }

    /** Makes a binding's object for a file {@link LibrarySearch} opened; throws IllegalStateException when its version cannot be read. */
    interface Binding<T> {
        T bind(long table, String file);
    }

    /**
     * The first usable file among {@code sonames} (in this order) that {@code search} finds, opened
     * with {@code open} and made an object with {@code bind}; never throws.
     */
    static <T> Loaded<T> open(LibrarySearch search, String name, List<String> sonames, String fix, Function<String, Long> open,
            Binding<T> bind, Function<T, String> version) {
        LibrarySearch.Result<Long> r = search.find(name, sonames, fix, open);
        if (!r.found()) {
            return missing(name, r.problem());
        }
        try {
            T library = bind.bind(r.library(), r.file());
            return new Loaded<>(library, LibraryStatus.found(name, r.file(), version.apply(library)));
        } catch (IllegalStateException e) {
            return missing(name, r.file() + " loaded, but " + e.getMessage() + "; " + fix);
        }
    }

    static <T> Loaded<T> missing(String name, String problem) {
        return new Loaded<>(null, LibraryStatus.missing(name, problem));
    }
}
