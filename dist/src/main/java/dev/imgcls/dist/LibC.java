package dev.imgcls.dist;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The C library's setenv: native code (NCCL) reads variables with getenv, which System.getenv's copy does not reach. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int setenv(String name, String value, int overwrite);
}
