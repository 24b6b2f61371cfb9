package dev.imgcls.kernels.cuda;

/**
 * What {@link CudaLibraries#probe()} found for one library the CUDA backend needs: whether it is
 * usable, the file actually loaded and its version, or the one-line problem with its fix. No
 * component is ever null: {@code file} and {@code version} are empty when unknown or missing,
 * {@code problem} is empty when {@code found}.
 *
 * @param name    what the library is, e.g. "NVIDIA driver", "cuBLAS", "NVRTC", "cuDNN", "imgcls JNI binding"
 * @param found   true when the library loaded and is usable
 * @param file    the file loaded, e.g. "/usr/lib/x86_64-linux-gnu/libcublas.so.13"
 * @param version its version as the library reports it, e.g. "13.0.2"
 * @param problem when not found: what is wrong, every file tried, and how to fix it (one line)
 */
public record LibraryStatus(String name, boolean found, String file, String version, String problem) {
    public LibraryStatus {
        name = orEmpty(name);
        file = orEmpty(file);
        version = orEmpty(version);
        problem = found ? "" : orEmpty(problem);
    }

    static LibraryStatus found(String name, String file, String version) {
        return new LibraryStatus(name, true, file, version, "");
    }

    static LibraryStatus missing(String name, String problem) {
        return new LibraryStatus(name, false, "", "", problem);
    }

    /**
     * Whether the backend cannot start without it: NVRTC is needed only to compile a kernel the jar
     * has no fatbin image for, everything else always.
     */
    public boolean neededToStart() {
        return !Nvrtc.NAME.equals(name);
    }

    /** "cuBLAS 13.0.2 (/usr/lib/x86_64-linux-gnu/libcublas.so.13)", or "cuBLAS missing: <problem>". */
    public String line() {
        if (!found) {
            return name + " missing: " + problem;
        }
        String v = version.isEmpty() ? "" : " " + version;
        return name + v + (file.isEmpty() ? "" : " (" + file + ")");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s.strip();
    }
}
