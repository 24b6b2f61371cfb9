package dev.imgcls.train.loop;

import java.util.List;

import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;
import dev.imgcls.train.cli.ArgumentException;
import dev.imgcls.train.cli.DeviceChoice;

/**
 * What {@code --device} resolves to on this machine, and one line saying so: {@code cpu} is the
 * CPU; {@code gpu} is the GPU backend or, when it is not usable, an {@link ArgumentException} with
 * the backend's own reason (what is missing and how to install it), never a silent CPU run;
 * {@code auto} is the GPU when one is usable, else the CPU with the reason.
 */
public record DeviceSelection(Device.Kind kind, Backend backend, String description) {
    /** Where the job's tensors live: the CPU, or GPU 0 (the CUDA backend works on device 0). */
    public Device device() {
        return kind == Device.Kind.CPU ? Device.CPU : Device.cuda(0);
    }

    /** Whether the job runs on a GPU. */
    public boolean gpu() {
        return kind != Device.Kind.CPU;
    }

    /** Resolves against {@code backends} (normally {@code Backends.all()}). */
    public static DeviceSelection resolve(DeviceChoice choice, List<Backend> backends) {
        Backend gpu = null;
        for (Backend b : backends) {
            if (b.deviceKind() == Device.Kind.CUDA) {
                gpu = b;
                break;
            }
        }
        switch (choice) {
            case CPU:
                return new DeviceSelection(Device.Kind.CPU, null, "device: CPU (--device=cpu)");
            case GPU:
                if (gpu == null) {
                    throw new ArgumentException(List.of("--device=gpu but this build has no GPU backend (use --device=cpu or auto)"));
                }
                if (!gpu.isAvailable()) {
                    throw new ArgumentException(List.of("--device=gpu but the GPU is not usable: " + gpu.unavailableReason()));
                }
                return new DeviceSelection(Device.Kind.CUDA, gpu, "device: GPU (--device=gpu), " + gpu.name() + " backend");
            default:
                if (gpu != null && gpu.isAvailable()) {
                    return new DeviceSelection(Device.Kind.CUDA, gpu, "device: GPU (--device=auto found a usable one), " + gpu.name() + " backend");
                }
                String why = gpu == null ? "this build has no GPU backend" : gpu.unavailableReason();
                return new DeviceSelection(Device.Kind.CPU, null, "device: CPU (--device=auto: no usable GPU: " + why + ")");
        }
    }
}
