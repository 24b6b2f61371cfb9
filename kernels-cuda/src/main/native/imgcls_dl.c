/*
 * Opening CUDA vendor libraries for imgcls's JNI bindings: dlopen by path or soname (the Java side,
 * LibrarySearch, decides which files to try and in which order), all-or-nothing symbol resolution,
 * and the resolved file of a loaded library (dev.imgcls.kernels.cuda.JniBinding.loadedPath), so the
 * start-up line can say which file a soname found.
 */
#define _GNU_SOURCE
#include "imgcls_dl.h"

#include <dlfcn.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void imgcls_throw_state(JNIEnv *env, const char *message) {
    jclass cls = (*env)->FindClass(env, "java/lang/IllegalStateException");
    if (cls != NULL) {
        (*env)->ThrowNew(env, cls, message);
    }
}

void *imgcls_dl_open(JNIEnv *env, jstring jfile, const char *what, const imgcls_symbol *symbols, size_t count, size_t table_size) {
    const char *file = (*env)->GetStringUTFChars(env, jfile, NULL);
    if (file == NULL) {
        return NULL; /* OutOfMemoryError pending */
    }
    char message[4096];
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *why = dlerror();
        snprintf(message, sizeof message, "%s", why != NULL ? why : "unknown dlopen error");
        (*env)->ReleaseStringUTFChars(env, jfile, file);
        imgcls_throw_state(env, message);
        return NULL;
    }
    (*env)->ReleaseStringUTFChars(env, jfile, file);
    char *table = calloc(1, table_size);
    if (table == NULL) {
        dlclose(library);
        imgcls_throw_state(env, "out of native memory for a binding table");
        return NULL;
    }
    size_t used = (size_t)snprintf(message, sizeof message, "lacks the %s entry points:", what);
    int missing = 0;
    for (size_t i = 0; i < count; i++) {
        void *found = dlsym(library, symbols[i].name);
        if (found == NULL) {
            missing++;
            if (used < sizeof message) {
                used += (size_t)snprintf(message + used, sizeof message - used, " %s", symbols[i].name);
            }
        }
        memcpy(table + symbols[i].offset, &found, sizeof found);
    }
    if (missing > 0) {
        free(table);
        dlclose(library);
        imgcls_throw_state(env, message);
        return NULL;
    }
    ((imgcls_table_head *)table)->library = library;
    return table;
}

jobjectArray imgcls_dl_names(JNIEnv *env, const imgcls_symbol *symbols, size_t count) {
    jclass string = (*env)->FindClass(env, "java/lang/String");
    if (string == NULL) {
        return NULL;
    }
    jobjectArray names = (*env)->NewObjectArray(env, (jsize)count, string, NULL);
    for (size_t i = 0; names != NULL && i < count; i++) {
        jstring s = (*env)->NewStringUTF(env, symbols[i].name);
        if (s == NULL) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, names, (jsize)i, s);
        (*env)->DeleteLocalRef(env, s);
    }
    return names;
}

/* The path of the already loaded object that `name` (a soname or a path) designates, or null. */
JNIEXPORT jstring JNICALL Java_dev_imgcls_kernels_cuda_JniBinding_loadedPath(JNIEnv *env, jclass cls, jstring jname) {
    (void)cls;
    const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
    if (name == NULL) {
        return NULL;
    }
    /* RTLD_NOLOAD: only look among the loaded objects (matched by path or DT_SONAME), never load. */
    void *handle = dlopen(name, RTLD_LAZY | RTLD_NOLOAD);
    (*env)->ReleaseStringUTFChars(env, jname, name);
    if (handle == NULL) {
        return NULL;
    }
    struct link_map *map = NULL;
    jstring path = NULL;
    if (dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map != NULL && map->l_name != NULL && map->l_name[0] != '\0') {
        path = (*env)->NewStringUTF(env, map->l_name);
    }
    dlclose(handle);
    return path;
}
