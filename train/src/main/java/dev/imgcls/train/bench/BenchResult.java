package dev.imgcls.train.bench;

import dev.imgcls.tensor.profile.Profile;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * What one benchmark run measured.
 *
 * @param stepNanos wall time of each measured step (data + the mode's work: forward + loss + backward + update, or an inference pass)
 * @param dataNanos time of each measured step spent waiting for its batch
 * @param warmupNanos wall time of each warm-up step
 * @param profile per-op kernel times over the measured steps; null when profiling was off
 * @param heapAfterGcStart used heap after a full GC just before the measured steps
 * @param heapAfterGcEnd used heap after a full GC just after them
 * @param peakHeap sum of heap pool peaks during the measured steps
 * @param peakRss the process's peak resident set (VmHWM), when readable
 * @param gcMillis collector time during the measured steps (mostly pauses, which fall inside step time)
 * @param gcCount collections during the measured steps
 * @param firstValue the figure of the first measured step: the training loss, or the mean logit of an inference pass
 * @param lastValue the same figure of the last measured step
 */
public record BenchResult(BenchOptions options, String backend, int threads, long parameters,
                          long[] stepNanos, long[] dataNanos, long[] warmupNanos, Profile profile,
                          long heapAfterGcStart, long heapAfterGcEnd, long peakHeap, long maxHeap,
                          OptionalLong peakRss, long gcMillis, long gcCount, double firstValue, double lastValue,
                          long freshPooledArrays, boolean onGpu) {

    public long medianStepNanos() {
        long[] sorted = stepNanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Images per second (trained or inferred, as the mode) at the median step time. */
    public double imagesPerSecond() {
        return options.batchSize() / (medianStepNanos() / 1e9);
    }

    public long totalStepNanos() {
        return Arrays.stream(stepNanos).sum();
    }

    public long totalDataNanos() {
        return Arrays.stream(dataNanos).sum();
    }

    /**
     * Step time outside kernels, op output allocation and data waits: op dispatch, shape rules,
     * autograd bookkeeping, other allocation and collections, scope cleanup. Needs the profile.
     */
    public long frameworkNanos() {
        if (profile == null) {
            throw new IllegalStateException("no profile: run with --profile=true");
        }
        return totalStepNanos() - totalDataNanos() - profile.kernelNanos() - profile.allocationNanos();
    }
}
