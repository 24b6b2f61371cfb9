/*
 * imgcls's JNI binding to NVRTC, the run-time CUDA compiler the CUDA backend falls back on when the
 * jar carries no build-time image for the GPU; static native methods of dev.imgcls.kernels.cuda.Nvrtc.
 * Like the cuBLAS binding: the Java side picks the file (libnvrtc.so.13, then .so.12), open()
 * resolves every entry point into a table, and every other call takes that table. The types and
 * values are declared here from NVIDIA's NVRTC API reference (the same in NVRTC 12 and 13).
 *
 * compileCubin() runs create → compile → CUBIN → destroy in one call, so no program handle outlives
 * it; a failure throws java.lang.IllegalStateException("<call> failed: <nvrtcGetErrorString>
 * (status N)"), followed by NVRTC's log on lines of their own when compilation failed.
 */
#include "imgcls_dl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvrtcResult; /* 0 = NVRTC_SUCCESS */
typedef void *nvrtcProgram;

typedef struct {
    imgcls_table_head head;
    nvrtcResult (*Version)(int *, int *);
    const char *(*GetErrorString)(nvrtcResult);
    nvrtcResult (*CreateProgram)(nvrtcProgram *, const char *src, const char *name, int numHeaders, const char *const *headers,
                                 const char *const *includeNames);
    nvrtcResult (*CompileProgram)(nvrtcProgram, int numOptions, const char *const *options);
    nvrtcResult (*GetProgramLogSize)(nvrtcProgram, size_t *);
    nvrtcResult (*GetProgramLog)(nvrtcProgram, char *);
    nvrtcResult (*GetCUBINSize)(nvrtcProgram, size_t *);
    nvrtcResult (*GetCUBIN)(nvrtcProgram, char *);
    nvrtcResult (*DestroyProgram)(nvrtcProgram *);
} nvrtc_table;

#define SYM(field, name) {name, offsetof(nvrtc_table, field)}
static const imgcls_symbol SYMBOLS[] = {
    SYM(Version, "nvrtcVersion"),
    SYM(GetErrorString, "nvrtcGetErrorString"),
    SYM(CreateProgram, "nvrtcCreateProgram"),
    SYM(CompileProgram, "nvrtcCompileProgram"),
    SYM(GetProgramLogSize, "nvrtcGetProgramLogSize"),
    SYM(GetProgramLog, "nvrtcGetProgramLog"),
    SYM(GetCUBINSize, "nvrtcGetCUBINSize"),
    SYM(GetCUBIN, "nvrtcGetCUBIN"),
    SYM(DestroyProgram, "nvrtcDestroyProgram"),
};
#define SYMBOL_COUNT (sizeof(SYMBOLS) / sizeof(SYMBOLS[0]))

#define TABLE(t) ((const nvrtc_table *)IMGCLS_PTR(t))
#define METHOD(name) Java_dev_imgcls_kernels_cuda_Nvrtc_##name

/* Throws "<call> failed: <words> (status N)" plus, when given, the program log. */
static void fail(JNIEnv *env, const nvrtc_table *t, nvrtcResult status, const char *call, const char *log) {
    const char *words = t->GetErrorString(status);
    size_t size = 512 + (log != NULL ? strlen(log) : 0);
    char *message = malloc(size);
    if (message == NULL) {
        imgcls_throw_state(env, call);
        return;
    }
    snprintf(message, size, "%s failed: %s (status %d)%s%s", call, words != NULL ? words : "unknown status", status,
             log != NULL && log[0] != '\0' ? "\n" : "", log != NULL ? log : "");
    imgcls_throw_state(env, message);
    free(message);
}

JNIEXPORT jlong JNICALL METHOD(open)(JNIEnv *env, jclass cls, jstring file) {
    (void)cls;
    return (jlong)(intptr_t)imgcls_dl_open(env, file, "NVRTC", SYMBOLS, SYMBOL_COUNT, sizeof(nvrtc_table));
}

JNIEXPORT jobjectArray JNICALL METHOD(symbolNames)(JNIEnv *env, jclass cls) {
    (void)cls;
    return imgcls_dl_names(env, SYMBOLS, SYMBOL_COUNT);
}

/* {major, minor} */
JNIEXPORT jintArray JNICALL METHOD(version)(JNIEnv *env, jclass cls, jlong t) {
    (void)cls;
    int major = 0, minor = 0;
    nvrtcResult rc = TABLE(t)->Version(&major, &minor);
    if (rc != 0) {
        fail(env, TABLE(t), rc, "nvrtcVersion", NULL);
        return NULL;
    }
    jint v[2] = {major, minor};
    jintArray out = (*env)->NewIntArray(env, 2);
    if (out != NULL) {
        (*env)->SetIntArrayRegion(env, out, 0, 2, v);
    }
    return out;
}

/* A Java String[] as C strings; release() frees them. */
typedef struct {
    jobjectArray array;
    jsize length;
    jstring *strings;
    const char **chars;
} utf_array;

static void release(JNIEnv *env, utf_array *a) {
    for (jsize i = 0; a->chars != NULL && i < a->length; i++) {
        if (a->chars[i] != NULL) {
            (*env)->ReleaseStringUTFChars(env, a->strings[i], a->chars[i]);
        }
        if (a->strings[i] != NULL) {
            (*env)->DeleteLocalRef(env, a->strings[i]);
        }
    }
    free(a->strings);
    free((void *)a->chars);
    a->strings = NULL;
    a->chars = NULL;
}

/* Returns 1 on success; 0 with an exception pending. */
static int acquire(JNIEnv *env, jobjectArray array, utf_array *a) {
    a->array = array;
    a->length = array != NULL ? (*env)->GetArrayLength(env, array) : 0;
    a->strings = calloc((size_t)a->length + 1, sizeof(jstring));
    a->chars = calloc((size_t)a->length + 1, sizeof(char *));
    if (a->strings == NULL || a->chars == NULL) {
        release(env, a);
        imgcls_throw_state(env, "out of native memory for NVRTC arguments");
        return 0;
    }
    for (jsize i = 0; i < a->length; i++) {
        a->strings[i] = (jstring)(*env)->GetObjectArrayElement(env, array, i);
        a->chars[i] = a->strings[i] != NULL ? (*env)->GetStringUTFChars(env, a->strings[i], NULL) : NULL;
        if (a->chars[i] == NULL) {
            release(env, a);
            if (!(*env)->ExceptionCheck(env)) {
                imgcls_throw_state(env, "a null string among the NVRTC arguments");
            }
            return 0;
        }
    }
    return 1;
}

/* The program's log, malloc'ed (NULL when there is none). */
static char *program_log(const nvrtc_table *t, nvrtcProgram program) {
    size_t size = 0;
    if (t->GetProgramLogSize(program, &size) != 0 || size == 0) {
        return NULL;
    }
    char *log = calloc(size + 1, 1);
    if (log != NULL && t->GetProgramLog(program, log) != 0) {
        free(log);
        return NULL;
    }
    return log;
}

JNIEXPORT jbyteArray JNICALL METHOD(compileCubin)(JNIEnv *env, jclass cls, jlong tl, jstring jsource, jstring jname, jobjectArray jheaders,
                                                  jobjectArray jincludeNames, jobjectArray joptions) {
    (void)cls;
    const nvrtc_table *t = TABLE(tl);
    utf_array headers = {0}, includeNames = {0}, options = {0};
    const char *source = (*env)->GetStringUTFChars(env, jsource, NULL);
    const char *name = source != NULL ? (*env)->GetStringUTFChars(env, jname, NULL) : NULL;
    jbyteArray out = NULL;
    if (name == NULL || !acquire(env, jheaders, &headers) || !acquire(env, jincludeNames, &includeNames) || !acquire(env, joptions, &options)) {
        goto done;
    }
    if (headers.length != includeNames.length) {
        imgcls_throw_state(env, "NVRTC needs one include name per header");
        goto done;
    }
    nvrtcProgram program = NULL;
    nvrtcResult rc = t->CreateProgram(&program, source, name, headers.length, headers.chars, includeNames.chars);
    if (rc != 0) {
        fail(env, t, rc, "nvrtcCreateProgram", NULL);
        goto done;
    }
    rc = t->CompileProgram(program, options.length, options.chars);
    if (rc != 0) {
        char *log = program_log(t, program);
        fail(env, t, rc, "nvrtcCompileProgram", log);
        free(log);
    } else {
        size_t size = 0;
        rc = t->GetCUBINSize(program, &size);
        if (rc != 0) {
            fail(env, t, rc, "nvrtcGetCUBINSize", NULL);
        } else {
            char *cubin = malloc(size > 0 ? size : 1);
            if (cubin == NULL) {
                imgcls_throw_state(env, "out of native memory for a CUBIN");
            } else if ((rc = t->GetCUBIN(program, cubin)) != 0) {
                fail(env, t, rc, "nvrtcGetCUBIN", NULL);
            } else {
                out = (*env)->NewByteArray(env, (jsize)size);
                if (out != NULL) {
                    (*env)->SetByteArrayRegion(env, out, 0, (jsize)size, (const jbyte *)cubin);
                }
            }
            free(cubin);
        }
    }
    t->DestroyProgram(&program);
done:
    release(env, &headers);
    release(env, &includeNames);
    release(env, &options);
    if (name != NULL) {
        (*env)->ReleaseStringUTFChars(env, jname, name);
    }
    if (source != NULL) {
        (*env)->ReleaseStringUTFChars(env, jsource, source);
    }
    return out;
}
