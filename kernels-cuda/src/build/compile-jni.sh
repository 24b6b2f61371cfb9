#!/usr/bin/env bash
# Builds imgcls's cuDNN JNI binding (src/main/native/imgcls_cudnn.c) into the class-path resource
# dev/imgcls/kernels/cuda/native/linux-x86_64/libimgcls_cudnn.so. It needs only gcc and the JDK's
# jni.h: cuDNN is opened with dlopen at run time, so no cuDNN headers or libraries are involved.
# A compile error fails the build; without gcc (or off linux-x86_64) it logs the skip and exits 0,
# and the CUDA backend then reports the binding as missing.
#   compile-jni.sh <source.c> <classes-dir> <java-home>
set -euo pipefail
src=${1:?C source}
classes=${2:?target/classes}
java_home=${3:?java.home}
out_dir="$classes/dev/imgcls/kernels/cuda/native/linux-x86_64"
out="$out_dir/libimgcls_cudnn.so"

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "[compile-jni] $(uname -s)-$(uname -m): the cuDNN binding is built for Linux x86_64 only; skipping"
    exit 0
fi
if ! command -v gcc >/dev/null 2>&1; then
    echo "[compile-jni] gcc not found on PATH: skipping the cuDNN JNI binding (the CUDA backend will report it missing)"
    exit 0
fi
# java.home is the JDK itself on 11+; the include folder may sit one level up on older layouts.
include=""
for candidate in "$java_home/include" "$java_home/../include"; do
    if [ -f "$candidate/jni.h" ]; then include=$candidate; break; fi
done
if [ -z "$include" ]; then
    echo "[compile-jni] jni.h not found under $java_home: skipping the cuDNN JNI binding"
    exit 0
fi
mkdir -p "$out_dir"
if [ "$out" -nt "$src" ] && [ "$out" -nt "$0" ]; then
    echo "[compile-jni] up to date: $out"
    exit 0
fi
gcc -shared -fPIC -O2 -std=c11 -Wall -Wextra -Werror -fvisibility=hidden \
    -I"$include" -I"$include/linux" -o "$out.tmp" "$src" -ldl
mv -f "$out.tmp" "$out"
echo "[compile-jni] built $out"
