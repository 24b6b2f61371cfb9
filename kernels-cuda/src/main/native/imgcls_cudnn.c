/*
 * imgcls's own JNI binding to the ~30 cuDNN 9 calls the CUDA backend uses (legacy convolution,
 * batch-norm and pooling API), as static native methods of dev.imgcls.kernels.cuda.Cudnn.
 *
 * cuDNN is opened at run time with dlopen (libcudnn.so.9 by soname, or by path from a folder the
 * Java side's LibrarySearch names) and every entry point is found with dlsym, so this library needs
 * neither the cuDNN headers nor a link-time dependency: it loads on a machine without cuDNN (or
 * without a GPU), and Cudnn.open() then reports exactly what is missing. The first file that opens
 * with every entry point is kept for the life of the process.
 * The types and enum values below are declared here from NVIDIA's public cuDNN API reference.
 *
 * Conventions: handles, descriptors and device pointers travel as jlong; the stream is a
 * cudaStream_t / CUstream handle (the same object for the runtime and driver APIs). Data are
 * FLOAT32, so alpha/beta scaling factors are passed to cuDNN as float. A failing cuDNN call throws
 * java.lang.IllegalStateException("<call> failed: <cudnnGetErrorString> (status N)").
 */
#include <dlfcn.h>
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* ---- cuDNN types (opaque pointers and int enums) ------------------------------------------- */
typedef int cudnnStatus_t; /* 0 = CUDNN_STATUS_SUCCESS */
typedef void *cudnnHandle_t;
typedef void *cudnnTensorDescriptor_t;
typedef void *cudnnFilterDescriptor_t;
typedef void *cudnnConvolutionDescriptor_t;
typedef void *cudnnPoolingDescriptor_t;
typedef void *cudaStream_t;

#define CUDNN_STATUS_SUCCESS 0
#define CUDNN_DATA_FLOAT 0
#define CUDNN_CROSS_CORRELATION 1

/* Layout of cudnnConvolution{Fwd,BwdData,BwdFilter}AlgoPerf_t (identical for the three). */
typedef struct {
    int algo;
    cudnnStatus_t status;
    float time;
    size_t memory;
    int determinism;
    int mathType;
    int reserved[3];
} imgcls_algo_perf;

/* ---- function pointer types ----------------------------------------------------------------- */
typedef size_t (*fn_GetVersion)(void);
typedef const char *(*fn_GetErrorString)(cudnnStatus_t);
typedef cudnnStatus_t (*fn_Create)(cudnnHandle_t *);
typedef cudnnStatus_t (*fn_Destroy)(cudnnHandle_t);
typedef cudnnStatus_t (*fn_SetStream)(cudnnHandle_t, cudaStream_t);
typedef cudnnStatus_t (*fn_CreateDescriptor)(void **);
typedef cudnnStatus_t (*fn_DestroyDescriptor)(void *);
typedef cudnnStatus_t (*fn_SetTensor4dDescriptor)(cudnnTensorDescriptor_t, int format, int dataType, int n, int c, int h, int w);
typedef cudnnStatus_t (*fn_SetFilter4dDescriptor)(cudnnFilterDescriptor_t, int dataType, int format, int k, int c, int h, int w);
typedef cudnnStatus_t (*fn_SetConvolution2dDescriptor)(cudnnConvolutionDescriptor_t, int padH, int padW, int u, int v,
                                                       int dilationH, int dilationW, int mode, int computeType);
typedef cudnnStatus_t (*fn_SetConvolutionGroupCount)(cudnnConvolutionDescriptor_t, int);
typedef cudnnStatus_t (*fn_SetConvolutionMathType)(cudnnConvolutionDescriptor_t, int);
typedef cudnnStatus_t (*fn_GetConvolution2dForwardOutputDim)(cudnnConvolutionDescriptor_t, cudnnTensorDescriptor_t,
                                                             cudnnFilterDescriptor_t, int *, int *, int *, int *);
/* The three _v7 heuristics share one shape: (handle, descA, descB, conv, descC, requested, *returned, perf*). */
typedef cudnnStatus_t (*fn_GetAlgorithm_v7)(cudnnHandle_t, void *, void *, cudnnConvolutionDescriptor_t, void *, int, int *,
                                            imgcls_algo_perf *);
/* The three workspace-size calls likewise: (handle, descA, descB, conv, descC, algo, *bytes). */
typedef cudnnStatus_t (*fn_GetWorkspaceSize)(cudnnHandle_t, void *, void *, cudnnConvolutionDescriptor_t, void *, int, size_t *);
/* Forward / backward-data / backward-filter: (handle, alpha, descA, a, descB, b, conv, algo, ws, wsBytes, beta, descC, c). */
typedef cudnnStatus_t (*fn_Convolution)(cudnnHandle_t, const void *, void *, const void *, void *, const void *,
                                        cudnnConvolutionDescriptor_t, int, void *, size_t, const void *, void *, void *);
typedef cudnnStatus_t (*fn_BatchNormForwardTraining)(cudnnHandle_t, int mode, const void *alpha, const void *beta,
                                                     cudnnTensorDescriptor_t xDesc, const void *x, cudnnTensorDescriptor_t yDesc,
                                                     void *y, cudnnTensorDescriptor_t bnDesc, const void *scale, const void *bias,
                                                     double exponentialAverageFactor, void *runningMean, void *runningVariance,
                                                     double epsilon, void *saveMean, void *saveInvVariance);
typedef cudnnStatus_t (*fn_BatchNormForwardInference)(cudnnHandle_t, int mode, const void *alpha, const void *beta,
                                                      cudnnTensorDescriptor_t xDesc, const void *x, cudnnTensorDescriptor_t yDesc,
                                                      void *y, cudnnTensorDescriptor_t bnDesc, const void *scale, const void *bias,
                                                      const void *mean, const void *variance, double epsilon);
typedef cudnnStatus_t (*fn_BatchNormBackward)(cudnnHandle_t, int mode, const void *alphaData, const void *betaData,
                                              const void *alphaParam, const void *betaParam, cudnnTensorDescriptor_t xDesc,
                                              const void *x, cudnnTensorDescriptor_t dyDesc, const void *dy,
                                              cudnnTensorDescriptor_t dxDesc, void *dx, cudnnTensorDescriptor_t bnDesc,
                                              const void *scale, void *dScale, void *dBias, double epsilon, const void *savedMean,
                                              const void *savedInvVariance);
typedef cudnnStatus_t (*fn_SetPooling2dDescriptor)(cudnnPoolingDescriptor_t, int mode, int nanOpt, int windowH, int windowW,
                                                   int padH, int padW, int strideH, int strideW);
typedef cudnnStatus_t (*fn_PoolingForward)(cudnnHandle_t, cudnnPoolingDescriptor_t, const void *alpha,
                                           cudnnTensorDescriptor_t xDesc, const void *x, const void *beta,
                                           cudnnTensorDescriptor_t yDesc, void *y);
typedef cudnnStatus_t (*fn_PoolingBackward)(cudnnHandle_t, cudnnPoolingDescriptor_t, const void *alpha,
                                            cudnnTensorDescriptor_t yDesc, const void *y, cudnnTensorDescriptor_t dyDesc,
                                            const void *dy, cudnnTensorDescriptor_t xDesc, const void *x, const void *beta,
                                            cudnnTensorDescriptor_t dxDesc, void *dx);

/* ---- the resolved entry points ---------------------------------------------------------------- */
static struct {
    fn_GetVersion GetVersion;
    fn_GetErrorString GetErrorString;
    fn_Create Create;
    fn_Destroy Destroy;
    fn_SetStream SetStream;
    fn_CreateDescriptor CreateTensorDescriptor, CreateFilterDescriptor, CreateConvolutionDescriptor, CreatePoolingDescriptor;
    fn_DestroyDescriptor DestroyTensorDescriptor, DestroyFilterDescriptor, DestroyConvolutionDescriptor, DestroyPoolingDescriptor;
    fn_SetTensor4dDescriptor SetTensor4dDescriptor;
    fn_SetFilter4dDescriptor SetFilter4dDescriptor;
    fn_SetConvolution2dDescriptor SetConvolution2dDescriptor;
    fn_SetConvolutionGroupCount SetConvolutionGroupCount;
    fn_SetConvolutionMathType SetConvolutionMathType;
    fn_GetConvolution2dForwardOutputDim GetConvolution2dForwardOutputDim;
    fn_GetAlgorithm_v7 GetForwardAlgorithm, GetBackwardDataAlgorithm, GetBackwardFilterAlgorithm;
    fn_GetWorkspaceSize ForwardWorkspaceSize, BackwardDataWorkspaceSize, BackwardFilterWorkspaceSize;
    fn_Convolution ConvolutionForward, ConvolutionBackwardData, ConvolutionBackwardFilter;
    fn_BatchNormForwardTraining BatchNormForwardTraining;
    fn_BatchNormForwardInference BatchNormForwardInference;
    fn_BatchNormBackward BatchNormBackward;
    fn_SetPooling2dDescriptor SetPooling2dDescriptor;
    fn_PoolingForward PoolingForward;
    fn_PoolingBackward PoolingBackward;
} cudnn;

static void *library; /* non-NULL once every symbol resolved */

typedef struct {
    const char *name;
    void **slot;
} symbol;

#define SYM(field, name) {name, (void **)&cudnn.field}
static const symbol SYMBOLS[] = {
    SYM(GetVersion, "cudnnGetVersion"),
    SYM(GetErrorString, "cudnnGetErrorString"),
    SYM(Create, "cudnnCreate"),
    SYM(Destroy, "cudnnDestroy"),
    SYM(SetStream, "cudnnSetStream"),
    SYM(CreateTensorDescriptor, "cudnnCreateTensorDescriptor"),
    SYM(DestroyTensorDescriptor, "cudnnDestroyTensorDescriptor"),
    SYM(SetTensor4dDescriptor, "cudnnSetTensor4dDescriptor"),
    SYM(CreateFilterDescriptor, "cudnnCreateFilterDescriptor"),
    SYM(DestroyFilterDescriptor, "cudnnDestroyFilterDescriptor"),
    SYM(SetFilter4dDescriptor, "cudnnSetFilter4dDescriptor"),
    SYM(CreateConvolutionDescriptor, "cudnnCreateConvolutionDescriptor"),
    SYM(DestroyConvolutionDescriptor, "cudnnDestroyConvolutionDescriptor"),
    SYM(SetConvolution2dDescriptor, "cudnnSetConvolution2dDescriptor"),
    SYM(SetConvolutionGroupCount, "cudnnSetConvolutionGroupCount"),
    SYM(SetConvolutionMathType, "cudnnSetConvolutionMathType"),
    SYM(GetConvolution2dForwardOutputDim, "cudnnGetConvolution2dForwardOutputDim"),
    SYM(GetForwardAlgorithm, "cudnnGetConvolutionForwardAlgorithm_v7"),
    SYM(GetBackwardDataAlgorithm, "cudnnGetConvolutionBackwardDataAlgorithm_v7"),
    SYM(GetBackwardFilterAlgorithm, "cudnnGetConvolutionBackwardFilterAlgorithm_v7"),
    SYM(ForwardWorkspaceSize, "cudnnGetConvolutionForwardWorkspaceSize"),
    SYM(BackwardDataWorkspaceSize, "cudnnGetConvolutionBackwardDataWorkspaceSize"),
    SYM(BackwardFilterWorkspaceSize, "cudnnGetConvolutionBackwardFilterWorkspaceSize"),
    SYM(ConvolutionForward, "cudnnConvolutionForward"),
    SYM(ConvolutionBackwardData, "cudnnConvolutionBackwardData"),
    SYM(ConvolutionBackwardFilter, "cudnnConvolutionBackwardFilter"),
    SYM(BatchNormForwardTraining, "cudnnBatchNormalizationForwardTraining"),
    SYM(BatchNormForwardInference, "cudnnBatchNormalizationForwardInference"),
    SYM(BatchNormBackward, "cudnnBatchNormalizationBackward"),
    SYM(CreatePoolingDescriptor, "cudnnCreatePoolingDescriptor"),
    SYM(DestroyPoolingDescriptor, "cudnnDestroyPoolingDescriptor"),
    SYM(SetPooling2dDescriptor, "cudnnSetPooling2dDescriptor"),
    SYM(PoolingForward, "cudnnPoolingForward"),
    SYM(PoolingBackward, "cudnnPoolingBackward"),
};
#define SYMBOL_COUNT (sizeof(SYMBOLS) / sizeof(SYMBOLS[0]))

/* ---- error reporting ------------------------------------------------------------------------ */
static void throw_state(JNIEnv *env, const char *message) {
    jclass cls = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (cls != NULL) {
        (*env)->ThrowNew(env, cls, message);
    }
}

/* Returns 1 when the call succeeded; otherwise throws naming the call and cuDNN's message. */
static int check(JNIEnv *env, cudnnStatus_t status, const char *call) {
    if (status == CUDNN_STATUS_SUCCESS) {
        return 1;
    }
    char message[512];
    snprintf(message, sizeof message, "%s failed: %s (status %d)", call, cudnn.GetErrorString(status), status);
    throw_state(env, message);
    return 0;
}

/* Every entry point but open() runs only after a successful open(); the Java side guarantees it. */
static int ready(JNIEnv *env) {
    if (library == NULL) {
        throw_state(env, "cuDNN is not loaded: Cudnn.open() must succeed before any cuDNN call");
        return 0;
    }
    return 1;
}

#define PTR(x) ((void *)(intptr_t)(x))
#define METHOD(name) Java_dev_imgcls_kernels_cuda_Cudnn_##name

/* ---- loading ---------------------------------------------------------------------------------- */

/* dlopen(soname or path) and resolve every symbol; NULL on success, else dlerror's words or the missing names (nothing is kept). */
JNIEXPORT jstring JNICALL METHOD(open)(JNIEnv *env, jclass cls, jstring jsoname) {
    (void)cls;
    if (library != NULL) {
        return NULL;
    }
    const char *soname = (*env)->GetStringUTFChars(env, jsoname, NULL);
    if (soname == NULL) {
        return NULL; /* OutOfMemoryError pending */
    }
    char message[4096];
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        const char *why = dlerror();
        snprintf(message, sizeof message, "%s", why != NULL ? why : "unknown dlopen error");
        (*env)->ReleaseStringUTFChars(env, jsoname, soname);
        return (*env)->NewStringUTF(env, message);
    }
    void *found[SYMBOL_COUNT];
    size_t used = (size_t)snprintf(message, sizeof message, "lacks the cuDNN entry points:");
    int missing = 0;
    for (size_t i = 0; i < SYMBOL_COUNT; i++) {
        found[i] = dlsym(handle, SYMBOLS[i].name);
        if (found[i] == NULL) {
            missing++;
            if (used < sizeof message) {
                used += (size_t)snprintf(message + used, sizeof message - used, " %s", SYMBOLS[i].name);
            }
        }
    }
    (*env)->ReleaseStringUTFChars(env, jsoname, soname);
    if (missing > 0) {
        dlclose(handle);
        return (*env)->NewStringUTF(env, message);
    }
    for (size_t i = 0; i < SYMBOL_COUNT; i++) {
        *SYMBOLS[i].slot = found[i];
    }
    library = handle;
    return NULL;
}

/* The symbol names this binding resolves, for diagnostics and tests. */
JNIEXPORT jobjectArray JNICALL METHOD(symbolNames)(JNIEnv *env, jclass cls) {
    (void)cls;
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if (string == NULL) {
        return NULL;
    }
    jobjectArray names = (*env)->NewObjectArray(env, (jsize)SYMBOL_COUNT, string, NULL);
    for (size_t i = 0; names != NULL && i < SYMBOL_COUNT; i++) {
        jstring s = (*env)->NewStringUTF(env, SYMBOLS[i].name);
        if (s == NULL) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, names, (jsize)i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return names;
}

JNIEXPORT jlong JNICALL METHOD(getVersion)(JNIEnv *env, jclass cls) {
    (void)cls;
    return ready(env) ? (jlong)cudnn.GetVersion() : 0;
}

JNIEXPORT jstring JNICALL METHOD(getErrorString)(JNIEnv *env, jclass cls, jint status) {
    (void)cls;
    return ready(env) ? (*env)->NewStringUTF(env, cudnn.GetErrorString(status)) : NULL;
}

/* ---- handle ----------------------------------------------------------------------------------- */

JNIEXPORT jlong JNICALL METHOD(create)(JNIEnv *env, jclass cls) {
    (void)cls;
    cudnnHandle_t h = NULL;
    if (!ready(env) || !check(env, cudnn.Create(&h), "cudnnCreate")) {
        return 0;
    }
    return (jlong)(intptr_t)h;
}

JNIEXPORT void JNICALL METHOD(destroy)(JNIEnv *env, jclass cls, jlong handle) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.Destroy(PTR(handle)), "cudnnDestroy");
    }
}

JNIEXPORT void JNICALL METHOD(setStream)(JNIEnv *env, jclass cls, jlong handle, jlong stream) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.SetStream(PTR(handle), PTR(stream)), "cudnnSetStream");
    }
}

/* ---- descriptors ------------------------------------------------------------------------------ */

JNIEXPORT jlong JNICALL METHOD(createTensor4d)(JNIEnv *env, jclass cls, jint format, jint n, jint c, jint h, jint w) {
    (void)cls;
    void *d = NULL;
    if (!ready(env) || !check(env, cudnn.CreateTensorDescriptor(&d), "cudnnCreateTensorDescriptor")) {
        return 0;
    }
    if (!check(env, cudnn.SetTensor4dDescriptor(d, format, CUDNN_DATA_FLOAT, n, c, h, w), "cudnnSetTensor4dDescriptor")) {
        cudnn.DestroyTensorDescriptor(d);
        return 0;
    }
    return (jlong)(intptr_t)d;
}

JNIEXPORT void JNICALL METHOD(destroyTensor)(JNIEnv *env, jclass cls, jlong d) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.DestroyTensorDescriptor(PTR(d)), "cudnnDestroyTensorDescriptor");
    }
}

JNIEXPORT jlong JNICALL METHOD(createFilter4d)(JNIEnv *env, jclass cls, jint format, jint k, jint c, jint h, jint w) {
    (void)cls;
    void *d = NULL;
    if (!ready(env) || !check(env, cudnn.CreateFilterDescriptor(&d), "cudnnCreateFilterDescriptor")) {
        return 0;
    }
    if (!check(env, cudnn.SetFilter4dDescriptor(d, CUDNN_DATA_FLOAT, format, k, c, h, w), "cudnnSetFilter4dDescriptor")) {
        cudnn.DestroyFilterDescriptor(d);
        return 0;
    }
    return (jlong)(intptr_t)d;
}

JNIEXPORT void JNICALL METHOD(destroyFilter)(JNIEnv *env, jclass cls, jlong d) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.DestroyFilterDescriptor(PTR(d)), "cudnnDestroyFilterDescriptor");
    }
}

/* A 2-D cross-correlation (TensorFlow's conv) with FLOAT compute, no dilation, groups and math type. */
JNIEXPORT jlong JNICALL METHOD(createConvolution)(JNIEnv *env, jclass cls, jint padH, jint padW, jint strideH, jint strideW,
                                                  jint groups, jint mathType) {
    (void)cls;
    void *d = NULL;
    if (!ready(env) || !check(env, cudnn.CreateConvolutionDescriptor(&d), "cudnnCreateConvolutionDescriptor")) {
        return 0;
    }
    if (!check(env, cudnn.SetConvolution2dDescriptor(d, padH, padW, strideH, strideW, 1, 1, CUDNN_CROSS_CORRELATION, CUDNN_DATA_FLOAT),
               "cudnnSetConvolution2dDescriptor")
        || !check(env, cudnn.SetConvolutionGroupCount(d, groups), "cudnnSetConvolutionGroupCount")
        || !check(env, cudnn.SetConvolutionMathType(d, mathType), "cudnnSetConvolutionMathType")) {
        cudnn.DestroyConvolutionDescriptor(d);
        return 0;
    }
    return (jlong)(intptr_t)d;
}

JNIEXPORT void JNICALL METHOD(setConvolutionMathType)(JNIEnv *env, jclass cls, jlong conv, jint mathType) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.SetConvolutionMathType(PTR(conv), mathType), "cudnnSetConvolutionMathType");
    }
}

JNIEXPORT void JNICALL METHOD(destroyConvolution)(JNIEnv *env, jclass cls, jlong d) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.DestroyConvolutionDescriptor(PTR(d)), "cudnnDestroyConvolutionDescriptor");
    }
}

/* {n, c, h, w} of the forward output cuDNN computes for these descriptors. */
JNIEXPORT jintArray JNICALL METHOD(convolutionForwardOutputDim)(JNIEnv *env, jclass cls, jlong conv, jlong x, jlong w) {
    (void)cls;
    jint dims[4];
    if (!ready(env)
        || !check(env, cudnn.GetConvolution2dForwardOutputDim(PTR(conv), PTR(x), PTR(w), &dims[0], &dims[1], &dims[2], &dims[3]),
                  "cudnnGetConvolution2dForwardOutputDim")) {
        return NULL;
    }
    jintArray out = (*env)->NewIntArray(env, 4);
    if (out != NULL) {
        (*env)->SetIntArrayRegion(env, out, 0, 4, dims);
    }
    return out;
}

JNIEXPORT jlong JNICALL METHOD(createPooling)(JNIEnv *env, jclass cls, jint mode, jint nanOpt, jint windowH, jint windowW, jint padH,
                                              jint padW, jint strideH, jint strideW) {
    (void)cls;
    void *d = NULL;
    if (!ready(env) || !check(env, cudnn.CreatePoolingDescriptor(&d), "cudnnCreatePoolingDescriptor")) {
        return 0;
    }
    if (!check(env, cudnn.SetPooling2dDescriptor(d, mode, nanOpt, windowH, windowW, padH, padW, strideH, strideW),
               "cudnnSetPooling2dDescriptor")) {
        cudnn.DestroyPoolingDescriptor(d);
        return 0;
    }
    return (jlong)(intptr_t)d;
}

JNIEXPORT void JNICALL METHOD(destroyPooling)(JNIEnv *env, jclass cls, jlong d) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.DestroyPoolingDescriptor(PTR(d)), "cudnnDestroyPoolingDescriptor");
    }
}

/* ---- convolution algorithms ----------------------------------------------------------------- */

#define MAX_ALGOS 16

/* The heuristic's ranked answers as 5 longs each: {algo, status, workspace bytes, determinism, mathType}. */
static jlongArray algorithms(JNIEnv *env, fn_GetAlgorithm_v7 fn, const char *call, jlong handle, jlong a, jlong b, jlong conv, jlong c) {
    imgcls_algo_perf perf[MAX_ALGOS];
    int returned = 0;
    memset(perf, 0, sizeof perf);
    if (!ready(env) || !check(env, fn(PTR(handle), PTR(a), PTR(b), PTR(conv), PTR(c), MAX_ALGOS, &returned, perf), call)) {
        return NULL;
    }
    jlong flat[MAX_ALGOS * 5];
    for (int i = 0; i < returned; i++) {
        flat[i * 5] = perf[i].algo;
        flat[i * 5 + 1] = perf[i].status;
        flat[i * 5 + 2] = (jlong)perf[i].memory;
        flat[i * 5 + 3] = perf[i].determinism;
        flat[i * 5 + 4] = perf[i].mathType;
    }
    jlongArray out = (*env)->NewLongArray(env, returned * 5);
    if (out != NULL) {
        (*env)->SetLongArrayRegion(env, out, 0, returned * 5, flat);
    }
    return out;
}

JNIEXPORT jlongArray JNICALL METHOD(forwardAlgorithms)(JNIEnv *env, jclass cls, jlong h, jlong x, jlong w, jlong conv, jlong y) {
    (void)cls;
    return algorithms(env, cudnn.GetForwardAlgorithm, "cudnnGetConvolutionForwardAlgorithm_v7", h, x, w, conv, y);
}

JNIEXPORT jlongArray JNICALL METHOD(backwardDataAlgorithms)(JNIEnv *env, jclass cls, jlong h, jlong w, jlong dy, jlong conv, jlong dx) {
    (void)cls;
    return algorithms(env, cudnn.GetBackwardDataAlgorithm, "cudnnGetConvolutionBackwardDataAlgorithm_v7", h, w, dy, conv, dx);
}

JNIEXPORT jlongArray JNICALL METHOD(backwardFilterAlgorithms)(JNIEnv *env, jclass cls, jlong h, jlong x, jlong dy, jlong conv, jlong dw) {
    (void)cls;
    return algorithms(env, cudnn.GetBackwardFilterAlgorithm, "cudnnGetConvolutionBackwardFilterAlgorithm_v7", h, x, dy, conv, dw);
}

static jlong workspace(JNIEnv *env, fn_GetWorkspaceSize fn, const char *call, jlong h, jlong a, jlong b, jlong conv, jlong c, jint algo) {
    size_t bytes = 0;
    if (!ready(env) || !check(env, fn(PTR(h), PTR(a), PTR(b), PTR(conv), PTR(c), algo, &bytes), call)) {
        return 0;
    }
    return (jlong)bytes;
}

JNIEXPORT jlong JNICALL METHOD(forwardWorkspaceSize)(JNIEnv *env, jclass cls, jlong h, jlong x, jlong w, jlong conv, jlong y, jint algo) {
    (void)cls;
    return workspace(env, cudnn.ForwardWorkspaceSize, "cudnnGetConvolutionForwardWorkspaceSize", h, x, w, conv, y, algo);
}

JNIEXPORT jlong JNICALL METHOD(backwardDataWorkspaceSize)(JNIEnv *env, jclass cls, jlong h, jlong w, jlong dy, jlong conv, jlong dx,
                                                          jint algo) {
    (void)cls;
    return workspace(env, cudnn.BackwardDataWorkspaceSize, "cudnnGetConvolutionBackwardDataWorkspaceSize", h, w, dy, conv, dx, algo);
}

JNIEXPORT jlong JNICALL METHOD(backwardFilterWorkspaceSize)(JNIEnv *env, jclass cls, jlong h, jlong x, jlong dy, jlong conv, jlong dw,
                                                            jint algo) {
    (void)cls;
    return workspace(env, cudnn.BackwardFilterWorkspaceSize, "cudnnGetConvolutionBackwardFilterWorkspaceSize", h, x, dy, conv, dw, algo);
}

/* ---- convolution ------------------------------------------------------------------------------ */

static void convolve(JNIEnv *env, fn_Convolution fn, const char *call, jlong h, jfloat alpha, jlong descA, jlong a, jlong descB, jlong b,
                     jlong conv, jint algo, jlong ws, jlong wsBytes, jfloat beta, jlong descC, jlong c) {
    float al = alpha, be = beta;
    if (ready(env)) {
        check(env, fn(PTR(h), &al, PTR(descA), PTR(a), PTR(descB), PTR(b), PTR(conv), algo, PTR(ws), (size_t)wsBytes, &be, PTR(descC), PTR(c)),
              call);
    }
}

/* y = alpha·conv(x, w) + beta·y */
JNIEXPORT void JNICALL METHOD(convolutionForward)(JNIEnv *env, jclass cls, jlong h, jfloat alpha, jlong xDesc, jlong x, jlong wDesc,
                                                  jlong w, jlong conv, jint algo, jlong ws, jlong wsBytes, jfloat beta, jlong yDesc,
                                                  jlong y) {
    (void)cls;
    convolve(env, cudnn.ConvolutionForward, "cudnnConvolutionForward", h, alpha, xDesc, x, wDesc, w, conv, algo, ws, wsBytes, beta, yDesc, y);
}

/* dx = alpha·convᵀ(dy, w) + beta·dx */
JNIEXPORT void JNICALL METHOD(convolutionBackwardData)(JNIEnv *env, jclass cls, jlong h, jfloat alpha, jlong wDesc, jlong w, jlong dyDesc,
                                                       jlong dy, jlong conv, jint algo, jlong ws, jlong wsBytes, jfloat beta,
                                                       jlong dxDesc, jlong dx) {
    (void)cls;
    convolve(env, cudnn.ConvolutionBackwardData, "cudnnConvolutionBackwardData", h, alpha, wDesc, w, dyDesc, dy, conv, algo, ws, wsBytes,
             beta, dxDesc, dx);
}

/* dw = alpha·(x ⋆ dy) + beta·dw */
JNIEXPORT void JNICALL METHOD(convolutionBackwardFilter)(JNIEnv *env, jclass cls, jlong h, jfloat alpha, jlong xDesc, jlong x,
                                                         jlong dyDesc, jlong dy, jlong conv, jint algo, jlong ws, jlong wsBytes,
                                                         jfloat beta, jlong dwDesc, jlong dw) {
    (void)cls;
    convolve(env, cudnn.ConvolutionBackwardFilter, "cudnnConvolutionBackwardFilter", h, alpha, xDesc, x, dyDesc, dy, conv, algo, ws,
             wsBytes, beta, dwDesc, dw);
}

/* ---- batch normalisation (alpha = 1, beta = 0: outputs are overwritten) ---------------------- */

static const float ONE = 1.0f, ZERO = 0.0f;

JNIEXPORT void JNICALL METHOD(batchNormForwardTraining)(JNIEnv *env, jclass cls, jlong h, jint mode, jlong xDesc, jlong x, jlong yDesc,
                                                        jlong y, jlong bnDesc, jlong scale, jlong bias, jdouble factor,
                                                        jlong runningMean, jlong runningVariance, jdouble epsilon, jlong saveMean,
                                                        jlong saveInvVariance) {
    (void)cls;
    if (ready(env)) {
        check(env,
              cudnn.BatchNormForwardTraining(PTR(h), mode, &ONE, &ZERO, PTR(xDesc), PTR(x), PTR(yDesc), PTR(y), PTR(bnDesc), PTR(scale),
                                             PTR(bias), factor, PTR(runningMean), PTR(runningVariance), epsilon, PTR(saveMean),
                                             PTR(saveInvVariance)),
              "cudnnBatchNormalizationForwardTraining");
    }
}

JNIEXPORT void JNICALL METHOD(batchNormForwardInference)(JNIEnv *env, jclass cls, jlong h, jint mode, jlong xDesc, jlong x, jlong yDesc,
                                                         jlong y, jlong bnDesc, jlong scale, jlong bias, jlong mean, jlong variance,
                                                         jdouble epsilon) {
    (void)cls;
    if (ready(env)) {
        check(env,
              cudnn.BatchNormForwardInference(PTR(h), mode, &ONE, &ZERO, PTR(xDesc), PTR(x), PTR(yDesc), PTR(y), PTR(bnDesc), PTR(scale),
                                              PTR(bias), PTR(mean), PTR(variance), epsilon),
              "cudnnBatchNormalizationForwardInference");
    }
}

JNIEXPORT void JNICALL METHOD(batchNormBackward)(JNIEnv *env, jclass cls, jlong h, jint mode, jlong xDesc, jlong x, jlong dyDesc,
                                                 jlong dy, jlong dxDesc, jlong dx, jlong bnDesc, jlong scale, jlong dScale, jlong dBias,
                                                 jdouble epsilon, jlong savedMean, jlong savedInvVariance) {
    (void)cls;
    if (ready(env)) {
        check(env,
              cudnn.BatchNormBackward(PTR(h), mode, &ONE, &ZERO, &ONE, &ZERO, PTR(xDesc), PTR(x), PTR(dyDesc), PTR(dy), PTR(dxDesc),
                                      PTR(dx), PTR(bnDesc), PTR(scale), PTR(dScale), PTR(dBias), epsilon, PTR(savedMean),
                                      PTR(savedInvVariance)),
              "cudnnBatchNormalizationBackward");
    }
}

/* ---- pooling (alpha = 1, beta = 0) ------------------------------------------------------------ */

JNIEXPORT void JNICALL METHOD(poolingForward)(JNIEnv *env, jclass cls, jlong h, jlong pool, jlong xDesc, jlong x, jlong yDesc, jlong y) {
    (void)cls;
    if (ready(env)) {
        check(env, cudnn.PoolingForward(PTR(h), PTR(pool), &ONE, PTR(xDesc), PTR(x), &ZERO, PTR(yDesc), PTR(y)), "cudnnPoolingForward");
    }
}

JNIEXPORT void JNICALL METHOD(poolingBackward)(JNIEnv *env, jclass cls, jlong h, jlong pool, jlong yDesc, jlong y, jlong dyDesc, jlong dy,
                                               jlong xDesc, jlong x, jlong dxDesc, jlong dx) {
    (void)cls;
    if (ready(env)) {
        check(env,
              cudnn.PoolingBackward(PTR(h), PTR(pool), &ONE, PTR(yDesc), PTR(y), PTR(dyDesc), PTR(dy), PTR(xDesc), PTR(x), &ZERO,
                                    PTR(dxDesc), PTR(dx)),
              "cudnnPoolingBackward");
    }
}
