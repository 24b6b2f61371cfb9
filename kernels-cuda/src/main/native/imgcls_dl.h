/*
 * Shared by imgcls's JNI bindings to the CUDA vendor libraries (cuBLAS, NVRTC): opening one library
 * file with every entry point resolved, or none (all-or-nothing), and throwing Java exceptions.
 */
#ifndef IMGCLS_DL_H
#define IMGCLS_DL_H

#include <jni.h>
#include <stddef.h>
#include <stdint.h>

/* One entry point: its exported name and where its address goes in the binding's table. */
typedef struct {
    const char *name;
    size_t offset;
} imgcls_symbol;

/* The first member of every binding's table: the dlopen handle the entry points came from. */
typedef struct {
    void *library;
} imgcls_table_head;

/*
 * dlopen(file) and resolve every symbol into a fresh table of table_size bytes. Returns the table,
 * or NULL with an IllegalStateException pending that gives dlerror's words or names every missing
 * entry point (then nothing stays open).
 */
void *imgcls_dl_open(JNIEnv *env, jstring file, const char *what, const imgcls_symbol *symbols, size_t count, size_t table_size);

/* The symbol names as a Java String[] (for diagnostics and tests). */
jobjectArray imgcls_dl_names(JNIEnv *env, const imgcls_symbol *symbols, size_t count);

/* Throws java.lang.IllegalStateException(message). */
void imgcls_throw_state(JNIEnv *env, const char *message);

#define IMGCLS_PTR(x) ((void *)(intptr_t)(x))

#endif
