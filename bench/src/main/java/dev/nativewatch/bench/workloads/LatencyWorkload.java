package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.Stats;
import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.peers.Recorder;
import dev.nativewatch.bench.peers.Watcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * C: one write at a time into a watched directory; the latency of each is from just before the write to the
 * moment the consumer thread takes the event that names the file. Unrecorded writes come first, back to back, so
 * that the measured ones run compiled code on both sides: after only 50, nativewatch's deeper Java path (JNA
 * calls, engine, key) was still partly interpreted and its median half again the JDK's; after 1,000 the two
 * were within noise of each other.
 *
 * <p>Parameters: {@code dir} (empty), {@code writes}, {@code warmupWrites}, {@code pauseMillis} (between measured
 * writes, so that each is measured on a quiet watcher).
 */
final class LatencyWorkload implements Workload {

    private static final long TIMEOUT_NANOS = 5_000_000_000L;
    private static final byte[] CONTENT = "benchmark\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path dir = params.path("dir");
        int writes = params.integer("writes");
        int warmup = params.integer("warmupWrites");
        long pause = params.longValue("pauseMillis");
        Recorder recorder = new Recorder(name -> true);
        long[] latencies = new long[writes];
        int measured = 0;
        int lost = 0;

        try (Watcher watcher = peer.newWatcher()) {
            watcher.start(dir, false, recorder);
            for (int i = -warmup; i < writes; i++) {
                String name = "w-" + (i + warmup);
                long start = System.nanoTime();
                Files.write(dir.resolve(name), CONTENT);
                long taken = recorder.awaitCreated(name, TIMEOUT_NANOS);
                if (i >= 0) {
                    if (taken < 0) {
                        lost++;
                    } else {
                        latencies[measured++] = taken - start;
                    }
                }
                if (i >= 0) {
                    Thread.sleep(pause);
                }
            }
        }
        long[] found = Arrays.copyOf(latencies, measured);
        return new Measurement()
                .put("writes", writes)
                .put("lost", lost)
                .put("p50Ms", Stats.percentile(found, 50) / 1e6)
                .put("p90Ms", Stats.percentile(found, 90) / 1e6)
                .put("p99Ms", Stats.percentile(found, 99) / 1e6)
                .put("maxMs", Stats.percentile(found, 100) / 1e6);
    }
}
