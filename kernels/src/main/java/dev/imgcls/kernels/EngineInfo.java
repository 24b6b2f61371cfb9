package dev.imgcls.kernels;

import dev.imgcls.kernels.cpu.VectorSupport;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;

/** Prints the backends found, which one runs CPU tensors, and the CPU backend's SIMD path. */
public final class EngineInfo {
    private EngineInfo() {
    }

    public static void main(String[] args) {
        System.out.println("java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")");
        for (Backend b : Backends.all()) {
            System.out.printf("backend %-10s device %-5s priority %3d %s%n", b.name(), b.deviceKind(), b.priority(),
                    b.isAvailable() ? "available" : "unavailable: " + b.unavailableReason());
        }
        System.out.println("cpu tensors run on: " + Backends.forDevice(Device.CPU).name());
        System.out.println("SIMD: " + VectorSupport.describe());
    }
}
