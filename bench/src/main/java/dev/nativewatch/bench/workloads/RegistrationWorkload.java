package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.peers.Recorder;
import dev.nativewatch.bench.peers.Watcher;

import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Map;

/**
 * A (and E): establish a recursive watch on an existing tree and time it; then, while it is held, the heap it
 * retains per watched directory and, if asked, the CPU it uses over a stretch of no activity; last, how long
 * closing it takes.
 *
 * <p>Parameters: {@code root} (the tree), {@code dirs} (directories under the root), {@code warmup} (a small tree
 * watched and released first, so that class loading and static setup are not counted), {@code idleMillis}
 * (0 to skip the idle measurement), and optionally {@code histogram} (a file for a class histogram of the heap
 * with the watch held: which classes the retained bytes are).
 */
final class RegistrationWorkload implements Workload {

    /** Lets the JIT and GC activity of establishing the watch die down before idle CPU is measured. */
    private static final long SETTLE_MILLIS = 2_000;

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        int dirs = params.integer("dirs");
        long idleMillis = params.longValue("idleMillis");
        Measurement result = new Measurement();

        try (Watcher warm = peer.newWatcher()) {
            warm.start(params.path("warmup"), true, (kind, relative) -> { });
        }
        long baseline = peer.jvm() ? HeapMeter.settledUsed() : 0;

        Watcher watcher = peer.newWatcher();
        try {
            long start = System.nanoTime();
            watcher.start(params.path("root"), true, new Recorder(name -> true));
            result.put("establishMs", (System.nanoTime() - start) / 1e6);

            if (peer.jvm()) {
                // The root is watched too: dirs + 1 directories.
                result.put("heapBytesPerDir", (HeapMeter.settledUsed() - baseline) / (double) (dirs + 1));
                Path histogram = params.optionalPath("histogram");
                if (histogram != null) {
                    HeapMeter.writeClassHistogram(histogram);
                }
            }
            if (idleMillis > 0) {
                measureIdle(watcher, idleMillis, result);
            }
            Reference.reachabilityFence(watcher);
        } catch (Exception | Error e) {
            watcher.close();
            throw e;
        }
        long closing = System.nanoTime();
        watcher.close();
        result.put("closeMs", (System.nanoTime() - closing) / 1e6);
        return result;
    }

    private static void measureIdle(Watcher watcher, long idleMillis, Measurement result) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        long threads = CpuMeter.threadsNanos(watcher.ownsThread());
        long process = watcher.pid().isPresent() ? CpuMeter.processNanos(watcher.pid().getAsLong())
                : CpuMeter.processNanos();
        Thread.sleep(idleMillis);
        long threadsUsed = CpuMeter.threadsNanos(watcher.ownsThread()) - threads;
        long processUsed = (watcher.pid().isPresent() ? CpuMeter.processNanos(watcher.pid().getAsLong())
                : CpuMeter.processNanos()) - process;
        result.put("idleMillis", idleMillis);
        if (watcher.pid().isEmpty()) {
            result.put("idleWatcherThreadsCpuMs", threadsUsed / 1e6);
        }
        result.put("idleProcessCpuMs", processUsed / 1e6);
    }
}
