package dev.imgcls.train.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Heap and resident-set readings for judging whether memory stays flat across steps. */
final class MemoryProbe {
    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private MemoryProbe() {
    }

    /** Used heap after a full collection: what the run really holds on to. */
    static long heapAfterGc() {
        // Two rounds: the first may only queue finalizable or softly reachable objects.
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Collector time so far (ms), all collectors together: stop-the-world pauses for the serial,
     * parallel and G1 young/mixed/full collections; G1's concurrent marking is not included.
     */
    static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** The collectors this JVM runs, e.g. "G1 Young Generation, G1 Old Generation". */
    static String collectorNames() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    /** Collections so far, all collectors together. */
    static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    /** Starts a new peak window for {@link #peakHeap()}. */
    static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * Sum of the heap pools' peak usage since {@link #resetPeaks()}: an upper bound on the peak
     * heap, since the pools (eden, survivor, old) need not peak at the same moment.
     */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The maximum heap (-Xmx), or -1 when undefined. */
    static long maxHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Peak resident set size of the process (VmHWM), where /proc is available (Linux). */
    static OptionalLong peakRss() {
        return procStatusKiB("VmHWM:");
    }

    /** Current resident set size (VmRSS), where /proc is available. */
    static OptionalLong currentRss() {
        return procStatusKiB("VmRSS:");
    }

    private static OptionalLong procStatusKiB(String key) {
        if (!Files.isReadable(PROC_STATUS)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith(key)) {
                    // "VmHWM:<tab>  123456 kB"
                    String number = line.substring(key.length()).trim().split("\\s+")[0];
                    return OptionalLong.of(Long.parseLong(number) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
