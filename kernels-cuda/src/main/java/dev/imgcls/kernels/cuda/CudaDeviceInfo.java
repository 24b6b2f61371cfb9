package dev.imgcls.kernels.cuda;

import static jcuda.driver.JCudaDriver.cuCtxGetDevice;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;

import java.nio.charset.StandardCharsets;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;

/**
 * What the driver says about the backend's GPU, for {@code imgcls doctor}: its name, compute
 * capability and memory (total, and free at the moment of asking).
 */
public record CudaDeviceInfo(String name, int major, int minor, long totalBytes, long freeBytes) {
    /** The device of the context current on this thread (the caller has made the backend's current). */
    static CudaDeviceInfo ofCurrentContext() {
        CUdevice device = new CUdevice();
        CudaCheck.driver(cuCtxGetDevice(device), "cuCtxGetDevice");
        byte[] raw = new byte[256];
        CudaCheck.driver(cuDeviceGetName(raw, raw.length, device), "cuDeviceGetName");
        int n = 0;
        while (n < raw.length && raw[n] != 0) {
            n++;
        }
        long[] free = {0};
        long[] total = {0};
        CudaCheck.driver(cuMemGetInfo(free, total), "cuMemGetInfo");
        return new CudaDeviceInfo(new String(raw, 0, n, StandardCharsets.US_ASCII),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR), total[0], free[0]);
    }

    /**
     * The newest CUDA version the installed driver supports, as the driver API encodes it (12080 is
     * 12.8), or -1 when libcuda.so.1 (or JCuda's binding to it) cannot be loaded. Needs no GPU context.
     */
    public static int driverCudaVersion() {
        int[] v = {0};
        try {
            return cuDriverGetVersion(v) == 0 ? v[0] : -1;
        } catch (LinkageError e) {
            return -1;
        }
    }

    private static int attribute(CUdevice device, int attr) {
        int[] v = {0};
        CudaCheck.driver(cuDeviceGetAttribute(v, attr, device), "cuDeviceGetAttribute");
        return v[0];
    }
}
