package dev.imgcls.kernels.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds, with gcc, small stand-ins for libcublas / libnvrtc that export the entry points our
 * binding resolves, so the library search and the JNI marshalling are tested without CUDA. A stub
 * is built without a soname, so a later dlopen("libcublas.so.13") by the system search can never
 * match it.
 */
final class StubLibraries {
    /** cuBLAS: a fake handle 0x1234, the version given, and calls that check their arguments (status 7 = invalid value). */
    static final String CUBLAS = """
            #ifndef OMIT_cublasCreate_v2
            int cublasCreate_v2(void **h) { *h = (void *)0x1234; return 0; }
            #endif
            int cublasDestroy_v2(void *h) { return h == (void *)0x1234 ? 0 : 7; }
            int cublasSetStream_v2(void *h, void *s) { return h == (void *)0x1234 && s != (void *)0xBAD ? 0 : 7; }
            int cublasSetMathMode(void *h, int mode) { return h == (void *)0x1234 && mode == 0 ? 0 : 7; }
            int cublasGetProperty(int type, int *value) {
                static const int v[3] = {MAJOR, MINOR, PATCH};
                if (type < 0 || type > 2) return 7;
                *value = v[type];
                return 0;
            }
            const char *cublasGetStatusString(int s) { return s == 7 ? "CUBLAS_STATUS_INVALID_VALUE" : "stub status"; }
            #ifndef OMIT_cublasSgemm_v2
            int cublasSgemm_v2(void *h, int ta, int tb, int m, int n, int k, const float *alpha, const void *a, int lda, const void *b,
                               int ldb, const float *beta, void *c, int ldc) {
                return h == (void *)0x1234 && ta == 1 && tb == 0 && m == 2 && n == 3 && k == 4 && *alpha == 2.5f && a == (void *)0x1000
                        && lda == 5 && b == (void *)0x2000 && ldb == 6 && *beta == 0.5f && c == (void *)0x3000 && ldc == 7 ? 0 : 7;
            }
            #endif
            """;

    /** NVRTC: the "CUBIN" is "name|include name|header length|options" (option --fail fails with a log); status 6 = compilation error. */
    static final String NVRTC = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <string.h>
            typedef struct { char cubin[1024]; char log[256]; } prog;
            int nvrtcVersion(int *major, int *minor) { *major = MAJOR; *minor = MINOR; return 0; }
            const char *nvrtcGetErrorString(int r) { return r == 6 ? "NVRTC_ERROR_COMPILATION" : "stub error"; }
            int nvrtcCreateProgram(void **p, const char *src, const char *name, int n, const char *const *headers,
                                   const char *const *names) {
                prog *q = calloc(1, sizeof(prog));
                (void)src;
                snprintf(q->cubin, sizeof q->cubin, "%s|%s|%zu|", name, n > 0 ? names[0] : "", n > 0 ? strlen(headers[0]) : 0);
                snprintf(q->log, sizeof q->log, "stub log for %s", name);
                *p = q;
                return 0;
            }
            int nvrtcCompileProgram(void *p, int n, const char *const *options) {
                prog *q = p;
                for (int i = 0; i < n; i++) {
                    if (strcmp(options[i], "--fail") == 0) return 6;
                    strncat(q->cubin, options[i], sizeof q->cubin - strlen(q->cubin) - 2);
                    strcat(q->cubin, " ");
                }
                return 0;
            }
            int nvrtcGetProgramLogSize(void *p, size_t *size) { *size = strlen(((prog *)p)->log) + 1; return 0; }
            int nvrtcGetProgramLog(void *p, char *log) { strcpy(log, ((prog *)p)->log); return 0; }
            int nvrtcGetCUBINSize(void *p, size_t *size) { *size = strlen(((prog *)p)->cubin); return 0; }
            int nvrtcGetCUBIN(void *p, char *cubin) { memcpy(cubin, ((prog *)p)->cubin, strlen(((prog *)p)->cubin)); return 0; }
            int nvrtcDestroyProgram(void **p) { free(*p); *p = NULL; return 0; }
            """;

    private StubLibraries() {
    }

    /** Skips the calling test (with the reason) when gcc is not on the PATH. */
    static void requireGcc() {
        boolean gcc;
        try {
            Process p = new ProcessBuilder("gcc", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            gcc = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            gcc = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gcc = false;
        }
        assumeTrue(gcc, "gcc is not on the PATH: the stub libraries cannot be built");
    }

    /** Compiles {@code source} into {@code dir/fileName} with the given -D definitions (e.g. "MAJOR=13", "OMIT_cublasSgemm_v2"). */
    static Path build(Path dir, String fileName, String source, String... defines) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path c = Files.createTempFile(dir.getParent() != null ? dir.getParent() : dir, "stub", ".c");
        Files.writeString(c, source, StandardCharsets.UTF_8);
        Path out = dir.resolve(fileName);
        List<String> cmd = new ArrayList<>(List.of("gcc", "-shared", "-fPIC", "-O0", "-o", out.toString()));
        for (String d : defines) {
            cmd.add("-D" + d);
        }
        cmd.add(c.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("gcc failed on the stub " + fileName + ": " + log);
        }
        Files.delete(c);
        return out;
    }
}
