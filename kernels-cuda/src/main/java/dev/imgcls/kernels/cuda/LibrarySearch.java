package dev.imgcls.kernels.cuda;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Where the CUDA vendor libraries are looked for, and in which order: first every folder of
 * {@code dirs} (each trying the sonames in the order given, newest CUDA first), then, when
 * {@code system} is set, the dynamic loader's own search (LD_LIBRARY_PATH, the ld.so cache) for
 * each soname. The standard search takes its folders from {@code -Dimgcls.cuda.libdirs} (a path
 * list, e.g. a pip wheel's {@code nvidia/cu13/lib}); tests search their own folders only.
 */
record LibrarySearch(List<Path> dirs, boolean system) {
    /** The system property naming folders searched before the system's, separated by the path separator. */
    static final String DIRS_PROPERTY = "imgcls.cuda.libdirs";

    LibrarySearch {
        dirs = List.copyOf(dirs);
    }

    /** The folders of {@code -Dimgcls.cuda.libdirs}, then the system search. */
    static LibrarySearch standard() {
        List<Path> dirs = new ArrayList<>();
        for (String d : System.getProperty(DIRS_PROPERTY, "").split(File.pathSeparator)) {
            if (!d.isBlank()) {
                dirs.add(Path.of(d.strip()));
            }
        }
        return new LibrarySearch(dirs, true);
    }

    /** Only these folders: nothing the system has installed can be picked up. */
    static LibrarySearch only(Path... dirs) {
        return new LibrarySearch(List.of(dirs), false);
    }

    /**
     * {@code sonames} (newest CUDA first, named {@code lib….so.<CUDA major>}) reordered for the
     * driver: files of a CUDA major newer than the driver supports (e.g. cuBLAS 13 under a CUDA 12.8
     * driver, which would load but fail to initialise) go last. Unchanged when the driver is unknown (0).
     */
    static List<String> forDriver(List<String> sonames, int driverApiVersion) {
        if (driverApiVersion <= 0) {
            return sonames;
        }
        List<String> usable = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        for (String s : sonames) {
            int major = Integer.parseInt(s.substring(s.lastIndexOf('.') + 1));
            (major * 1000 > driverApiVersion ? tooNew : usable).add(s);
        }
        usable.addAll(tooNew);
        return usable;
    }

    /** The files to try, in order: absolute paths in the folders, then bare sonames for the system search. */
    List<String> candidates(List<String> sonames) {
        List<String> files = new ArrayList<>();
        for (Path d : dirs) {
            for (String s : sonames) {
                files.add(d.resolve(s).toAbsolutePath().toString());
            }
        }
        if (system) {
            files.addAll(sonames);
        }
        return files;
    }

    /** The opened library and the file it came from, or (library null) the problem naming every file tried and the fix. */
    record Result<T>(T library, String file, String problem) {
        boolean found() {
            return library != null;
        }
    }

    /**
     * Tries each candidate with {@code open} (which throws IllegalStateException saying why a file
     * does not do) until one opens. Never throws: a missing JNI binding is reported as the problem.
     */
    <T> Result<T> find(String library, List<String> sonames, String fix, Function<String, T> open) {
        String jni = JniBinding.load();
        if (jni != null) {
            return new Result<>(null, "", "cannot look for " + library + ": " + jni);
        }
        List<String> tried = new ArrayList<>();
        for (String candidate : candidates(sonames)) {
            try {
                T opened = open.apply(candidate);
                String path = JniBinding.loadedPath(candidate);
                return new Result<>(opened, path != null ? path : candidate, "");
            } catch (IllegalStateException e) {
                tried.add(candidate + " (" + shorten(candidate, e.getMessage()) + ")");
            }
        }
        String where = dirs.isEmpty() ? "" : "in " + dirs;
        if (system) {
            where += (where.isEmpty() ? "" : " or ") + "by the system search (LD_LIBRARY_PATH, ldconfig)";
        }
        return new Result<>(null, "", library + " not found " + where + "; tried " + String.join(", ", tried) + "; " + fix);
    }

    /** dlerror's words without the file name the caller already shows; "not found" for a plain miss. */
    static String shorten(String file, String problem) {
        String p = problem == null ? "unknown error" : problem.strip();
        if (p.startsWith(file + ": ")) {
            p = p.substring(file.length() + 2);
        }
        return p.equals("cannot open shared object file: No such file or directory") ? "not found" : p.replace('\n', ' ');
    }
}
