package dev.nativewatch.bench.workloads;

import javax.management.JMException;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap in use after repeated full collections. Approximate by nature: what a collection leaves depends on the
 * collector, and a few objects of the measuring code itself come and go; dividing a difference by many thousand
 * directories keeps that noise to a few bytes each.
 */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final int COLLECTIONS = 5;

    private HeapMeter() {
    }

    /** Writes what {@code jcmd PID GC.class_histogram} prints: live objects by class, after a full collection. */
    static void writeClassHistogram(Path file) throws IOException {
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            Files.writeString(file, String.valueOf(text));
        } catch (JMException e) {
            throw new IOException("no class histogram from this JVM", e);
        }
    }

    /** @return the smallest heap use seen after each of several {@code System.gc()} calls */
    static long settledUsed() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < COLLECTIONS; i++) {
            System.gc();
            Thread.sleep(50);
            least = Math.min(least, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
