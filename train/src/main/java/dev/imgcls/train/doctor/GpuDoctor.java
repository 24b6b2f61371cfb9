package dev.imgcls.train.doctor;

import dev.imgcls.kernels.cuda.CudaBackend;
import dev.imgcls.kernels.cuda.CudaDeviceInfo;
import dev.imgcls.kernels.cuda.CudaLibraries;
import dev.imgcls.tensor.Backends;
import dev.imgcls.tensor.Device;
import dev.imgcls.tensor.spi.Backend;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The doctor on this machine: where no NVIDIA GPU is visible, one line and {@link Doctor#NO_GPU};
 * else the checks of the CUDA backend on the class path against the CPU backend.
 */
public final class GpuDoctor {
    /** Small enough that both models' steps on the CPU take seconds, big enough for every layer to see a 2x2 map. */
    public static final int IMAGE_SIZE = 64;
    public static final int BATCH_SIZE = 4;
    public static final int STEPS = 3;
    public static final List<String> MODELS = List.of("resnet-18", "efficientnet-b0");
    private static final int CLASSES = 10;
    private static final long SEED = 17;

    private GpuDoctor() {
    }

    /** Runs the doctor; returns the exit status. */
    public static int run(PrintStream out) {
        if (GpuVisibility.visibleDevice() == null) {
            out.println(GpuVisibility.noGpuLine(GpuVisibility.PROC_GPUS, GpuVisibility.DEV_NVIDIA0));
            return Doctor.NO_GPU;
        }
        return Doctor.run(checks(), out);
    }

    /** Driver, libraries, device, every op, then the training comparison of each of {@link #MODELS}. */
    static List<DoctorCheck> checks() {
        CudaBackend gpu = null;
        for (Backend b : Backends.all()) {
            if (b instanceof CudaBackend c) {
                gpu = c;
            }
        }
        List<DoctorCheck> checks = new ArrayList<>();
        checks.add(new DriverCheck(DriverCheck.PROC_VERSION, CudaDeviceInfo::driverCudaVersion));
        if (gpu == null) {
            checks.add(missingBackend());
            return checks;
        }
        checks.add(new LibrariesCheck(gpu, CudaLibraries::probe, gpu::describe));
        checks.add(new DeviceCheck(gpu));
        Backend cpu = Backends.forDevice(Device.CPU);
        // Op by op first: a wrong kernel is named here rather than found as a drift in the training steps.
        checks.add(new OpsCheck(cpu, gpu, SEED));
        checks.addAll(trainingChecks(cpu, gpu));
        return checks;
    }

    /** The training comparison of each model, {@code candidate} against {@code reference}, within {@link TrainingCheck#TOLERANCE}. */
    public static List<DoctorCheck> trainingChecks(Backend reference, Backend candidate) {
        return MODELS.stream().<DoctorCheck>map(m -> new TrainingCheck(
                new TrainingComparison.Settings(m, IMAGE_SIZE, BATCH_SIZE, STEPS, CLASSES, SEED), reference, candidate,
                TrainingCheck.TOLERANCE)).toList();
    }

    private static DoctorCheck missingBackend() {
        return new DoctorCheck() {
            @Override
            public String name() {
                return "libraries";
            }

            @Override
            public boolean prerequisite() {
                return true;
            }

            @Override
            public CheckResult run() {
                return CheckResult.failed("libraries: the CUDA backend did not load from this jar (JCuda's classes missing?);"
                        + " run the full imgcls.jar built by mvn -DskipTests package");
            }
        };
    }
}
