/*
 * imgcls's JNI binding to the cuBLAS calls the CUDA backend uses, as static native methods of
 * dev.imgcls.kernels.cuda.Cublas. The Java side picks the file (libcublas.so.13, then .so.12) and
 * calls open(), which dlopens it and resolves every entry point into a table; every other call takes
 * that table, so several cuBLAS files can be open at once (tests open stub libraries side by side).
 * No cuBLAS header is needed: the few types and values are declared here from NVIDIA's cuBLAS API
 * reference; cuBLAS 12 and 13 export the same names and signatures for these calls.
 *
 * Handles, device pointers and the stream (a CUstream is a cudaStream_t) travel as jlong; alpha and
 * beta are host floats (cuBLAS's default host pointer mode). A failing call throws
 * java.lang.IllegalStateException("<call> failed: <cublasGetStatusString> (status N)").
 */
#include "imgcls_dl.h"

#include <stdio.h>

typedef int cublasStatus_t; /* 0 = CUBLAS_STATUS_SUCCESS */
typedef void *cublasHandle_t;
typedef void *cudaStream_t;

typedef struct {
    imgcls_table_head head;
    cublasStatus_t (*Create)(cublasHandle_t *);
    cublasStatus_t (*Destroy)(cublasHandle_t);
    cublasStatus_t (*SetStream)(cublasHandle_t, cudaStream_t);
    cublasStatus_t (*SetMathMode)(cublasHandle_t, int);
    /* libraryPropertyType: 0 major, 1 minor, 2 patch; needs no handle (and so no GPU). */
    cublasStatus_t (*GetProperty)(int, int *);
    const char *(*GetStatusString)(cublasStatus_t);
    cublasStatus_t (*Sgemm)(cublasHandle_t, int transa, int transb, int m, int n, int k, const float *alpha, const float *a, int lda,
                            const float *b, int ldb, const float *beta, float *c, int ldc);
} cublas_table;

#define SYM(field, name) {name, offsetof(cublas_table, field)}
static const imgcls_symbol SYMBOLS[] = {
    SYM(Create, "cublasCreate_v2"),
    SYM(Destroy, "cublasDestroy_v2"),
    SYM(SetStream, "cublasSetStream_v2"),
    SYM(SetMathMode, "cublasSetMathMode"),
    SYM(GetProperty, "cublasGetProperty"),
    SYM(GetStatusString, "cublasGetStatusString"),
    SYM(Sgemm, "cublasSgemm_v2"),
};
#define SYMBOL_COUNT (sizeof(SYMBOLS) / sizeof(SYMBOLS[0]))

#define TABLE(t) ((const cublas_table *)IMGCLS_PTR(t))
#define METHOD(name) Java_dev_imgcls_kernels_cuda_Cublas_##name

/* Returns 1 when the call succeeded; otherwise throws naming the call and cuBLAS's words. */
static int check(JNIEnv *env, const cublas_table *t, cublasStatus_t status, const char *call) {
    if (status == 0) {
        return 1;
    }
    const char *words = t->GetStatusString(status);
    char message[512];
    snprintf(message, sizeof message, "%s failed: %s (status %d)", call, words != NULL ? words : "unknown status", status);
    imgcls_throw_state(env, message);
    return 0;
}

JNIEXPORT jlong JNICALL METHOD(open)(JNIEnv *env, jclass cls, jstring file) {
    (void)cls;
    return (jlong)(intptr_t)imgcls_dl_open(env, file, "cuBLAS", SYMBOLS, SYMBOL_COUNT, sizeof(cublas_table));
}

JNIEXPORT jobjectArray JNICALL METHOD(symbolNames)(JNIEnv *env, jclass cls) {
    (void)cls;
    return imgcls_dl_names(env, SYMBOLS, SYMBOL_COUNT);
}

/* {major, minor, patch} */
JNIEXPORT jintArray JNICALL METHOD(version)(JNIEnv *env, jclass cls, jlong t) {
    (void)cls;
    jint v[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++) {
        int value = 0;
        if (!check(env, TABLE(t), TABLE(t)->GetProperty(i, &value), "cublasGetProperty")) {
            return NULL;
        }
        v[i] = value;
    }
    jintArray out = (*env)->NewIntArray(env, 3);
    if (out != NULL) {
        (*env)->SetIntArrayRegion(env, out, 0, 3, v);
    }
    return out;
}

JNIEXPORT jlong JNICALL METHOD(create)(JNIEnv *env, jclass cls, jlong t) {
    (void)cls;
    cublasHandle_t h = NULL;
    return check(env, TABLE(t), TABLE(t)->Create(&h), "cublasCreate_v2") ? (jlong)(intptr_t)h : 0;
}

JNIEXPORT void JNICALL METHOD(destroy)(JNIEnv *env, jclass cls, jlong t, jlong h) {
    (void)cls;
    check(env, TABLE(t), TABLE(t)->Destroy(IMGCLS_PTR(h)), "cublasDestroy_v2");
}

JNIEXPORT void JNICALL METHOD(setStream)(JNIEnv *env, jclass cls, jlong t, jlong h, jlong stream) {
    (void)cls;
    check(env, TABLE(t), TABLE(t)->SetStream(IMGCLS_PTR(h), IMGCLS_PTR(stream)), "cublasSetStream_v2");
}

JNIEXPORT void JNICALL METHOD(setMathMode)(JNIEnv *env, jclass cls, jlong t, jlong h, jint mode) {
    (void)cls;
    check(env, TABLE(t), TABLE(t)->SetMathMode(IMGCLS_PTR(h), mode), "cublasSetMathMode");
}

/* Column-major C = alpha·op(A)·op(B) + beta·C on the handle's stream. */
JNIEXPORT void JNICALL METHOD(sgemm)(JNIEnv *env, jclass cls, jlong t, jlong h, jint transa, jint transb, jint m, jint n, jint k,
                                     jfloat alpha, jlong a, jint lda, jlong b, jint ldb, jfloat beta, jlong c, jint ldc) {
    (void)cls;
    float al = alpha, be = beta;
    check(env, TABLE(t), TABLE(t)->Sgemm(IMGCLS_PTR(h), transa, transb, m, n, k, &al, IMGCLS_PTR(a), lda, IMGCLS_PTR(b), ldb, &be,
                                         IMGCLS_PTR(c), ldc),
          "cublasSgemm_v2");
}
