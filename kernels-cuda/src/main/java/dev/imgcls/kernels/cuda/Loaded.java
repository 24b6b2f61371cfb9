package dev.imgcls.kernels.cuda;

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

    static <T> Loaded<T> missing(String name, String problem) {
        return new Loaded<>(null, LibraryStatus.missing(name, problem));
    }
}
