#!/usr/bin/env bash
# Builds imgcls's JNI bindings to the CUDA vendor libraries (every src/main/native/*.c: cuDNN,
# cuBLAS, NVRTC and their shared dlopen helper) into the class-path resource
# dev/imgcls/kernels/cuda/native/linux-x86_64/libimgcls_cuda.so. It needs only gcc and the JDK's
# jni.h: the vendor libraries are opened with dlopen at run time, so no CUDA headers or libraries are
# involved and the result has no DT_NEEDED on any of them (a test checks this).
# A compile error fails the build; without gcc (or off linux-x86_64) it logs the skip and exits 0,
# and the CUDA backend then reports the binding as missing.
#   compile-jni.sh <native-source-dir> <classes-dir> <java-home>
set -euo pipefail
src_dir=${1:?native source folder}
classes=${2:?target/classes}
java_home=${3:?java.home}
out_dir="$classes/dev/imgcls/kernels/cuda/native/linux-x86_64"
out="$out_dir/libimgcls_cuda.so"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "[compile-jni] $(uname -s)-$(uname -m): the JNI binding is built for Linux x86_64 only; skipping"
    exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "[compile-jni] gcc not found on PATH: skipping the JNI binding (the CUDA backend will report it missing)"
    exit 0
fi
# java.home is the JDK itself on 11+; the include folder may sit one level up on older layouts.
include=""
for candidate in "$java_home/include" "$java_home/../include"; do
    if [ -f "$candidate/jni.h" ]; then include=$candidate; break; fi
done
if [ -z "$include" ]; then
    echo "[compile-jni] jni.h not found under $java_home: skipping the JNI binding"
    exit 0
fi
sources=("$src_dir"/*.c)
mkdir -p "$out_dir"
stale=0
for f in "$0" "$src_dir"/*.c "$src_dir"/*.h; do
    if [ ! "$out" -nt "$f" ]; then stale=1; fi
done
if [ "$stale" = 0 ]; then
    echo "[compile-jni] up to date: $out"
    exit 0
fi
gcc -shared -fPIC -O2 -std=c11 -Wall -Wextra -Werror -fvisibility=hidden \
    -I"$include" -I"$include/linux" -o "$out.tmp" "${sources[@]}" -ldl
mv -f "$out.tmp" "$out"
echo "[compile-jni] built $out from ${#sources[@]} sources"
