package dev.imgcls.kernels;

import dev.imgcls.kernels.cpu.Parallel;
import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;

import java.io.PrintStream;

/** Prints the backends found, which one runs CPU tensors, the CPU backend's SIMD path and its pool size. */
public final class EngineInfo {
    private EngineInfo() {
    }

    /** The report; {@code imgcls engine} prints it. */
    public static void print(PrintStream out) {
        out.println("java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        for (Backend b : Backends.all()) {
            out.printf("backend %-10s device %-5s priority %3d %s%n", b.name(), b.deviceKind(), b.priority(),
                    b.isAvailable() ? "available" : "unavailable: " + b.unavailableReason());
        }
        out.println("cpu tensors run on: " + Backends.forDevice(Device.CPU).name());
        out.println("SIMD: " + VectorSupport.describe());
        out.println("cpu pool: " + Parallel.threads() + " threads");
    }
}
