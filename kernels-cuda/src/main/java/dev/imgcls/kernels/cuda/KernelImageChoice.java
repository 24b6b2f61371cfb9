package dev.imgcls.kernels.cuda;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which image of a fatbin a GPU of compute capability major.minor runs, by CUDA's compatibility
 * rules, which the driver applies when given the whole fatbin: SASS for sm_XY runs on devices
 * X.Z with Z &ge; Y, so the highest such SASS wins (on a tie, the most specific variant); without one, the PTX of the highest
 * compute_XY not above the device is JIT-compiled by the driver. Arch-specific code (sm_90a) runs
 * only on exactly that architecture and family-specific code (sm_100f) only within its major
 * version; our build produces neither (see compile-cu.sh), but a fatbin holding them is judged
 * right. {@code image} is null when nothing fits, and {@code description} then says why.
 */
record KernelImageChoice(KernelImage image, String description) {

    boolean found() {
        return image != null;
    }

    static KernelImageChoice choose(List<KernelImage> images, int ccMajor, int ccMinor) {
        String device = "sm_" + ccMajor + ccMinor;
        Comparator<KernelImage> best = Comparator.comparingInt(KernelImage::arch).thenComparing(KernelImage::variant);
        Optional<KernelImage> sass = images.stream()
                .filter(i -> i.kind() == KernelImage.Kind.SASS && runs(i, ccMajor, ccMinor)).max(best);
        if (sass.isPresent()) {
            return new KernelImageChoice(sass.get(), sass.get().label() + " on " + device);
        }
        Optional<KernelImage> ptx = images.stream()
                .filter(i -> i.kind() == KernelImage.Kind.PTX && runs(i, ccMajor, ccMinor)).max(best);
        if (ptx.isPresent()) {
            return new KernelImageChoice(ptx.get(), ptx.get().label() + " JIT-compiled by the driver for " + device);
        }
        return new KernelImageChoice(null, "kernels built for " + inventory(images) + "; device is " + device + ", which none of them runs on"
                + " (SASS needs the same major version and a minor at most the device's, PTX an architecture at most the device's)");
    }

    private static boolean runs(KernelImage i, int ccMajor, int ccMinor) {
        int device = 10 * ccMajor + ccMinor;
        return switch (i.variant()) {
            case ARCH_SPECIFIC -> i.arch() == device;
            case FAMILY_SPECIFIC -> i.major() == ccMajor && i.minor() <= ccMinor;
            case GENERIC -> i.kind() == KernelImage.Kind.PTX ? i.arch() <= device : i.major() == ccMajor && i.minor() <= ccMinor;
        };
    }

    /** "sm_80, sm_90, sm_100 + PTX compute_100", or "nothing" for an empty list. */
    static String inventory(List<KernelImage> images) {
        String sass = images.stream().filter(i -> i.kind() == KernelImage.Kind.SASS)
                .map(i -> "sm_" + i.arch() + i.variant().suffix).collect(Collectors.joining(", "));
        String ptx = images.stream().filter(i -> i.kind() == KernelImage.Kind.PTX)
                .map(i -> "PTX compute_" + i.arch() + i.variant().suffix).collect(Collectors.joining(", "));
        if (sass.isEmpty()) {
            return ptx.isEmpty() ? "nothing" : ptx;
        }
        return ptx.isEmpty() ? sass : sass + " + " + ptx;
    }
}
