package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.Stats;
import dev.nativewatch.bench.peers.EventKind;
import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.peers.Recorder;
import dev.nativewatch.bench.peers.Watcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * J: single writes as a developer tool's watcher meets them: sparse, with no warm-up, so that most of the code on
 * both sides of the write still runs interpreted. First {@code writes} new files, then as many appends to one file
 * that existed before the watch began, {@code pauseMillis} apart; the latency of each is from just before the
 * write to the moment the consumer thread takes the event that names the file (CREATE for a new file, MODIFY for
 * an append). Unlike C, nothing is written before the measured writes, and every write is measured, the first
 * (which pays for loading classes on both sides) included.
 *
 * <p>Also measured, per write: the CPU time of the peer's own threads (for inotifywait, its process's, in 10 ms
 * ticks) and of the whole JVM, the compilers included.
 *
 * <p>Parameters: {@code dir} (empty), {@code writes}, {@code pauseMillis}; optionally {@code samples}, a file to
 * which every latency is written, one line per write, for a closer look than the percentiles.
 */
final class ColdLatencyWorkload implements Workload {

    static final String APPENDED = "appended";
    private static final long TIMEOUT_NANOS = 5_000_000_000L;
    private static final byte[] CONTENT = "benchmark\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path dir = params.path("dir");
        int writes = params.integer("writes");
        long pause = params.longValue("pauseMillis");
        // Made before the watch, so that no event of its creation is queued when the appends begin.
        Path appended = Files.write(dir.resolve(APPENDED), CONTENT);
        Recorder recorder = new Recorder(name -> !name.equals(APPENDED));
        long[] created = new long[writes];
        long[] appends = new long[writes];
        long[][] cpu = new long[3][];
        try (Watcher watcher = peer.newWatcher()) {
            watcher.start(dir, false, recorder);
            cpu[0] = cpu(peer, watcher);
            for (int i = 0; i < writes; i++) {
                created[i] = create(watcher, recorder, dir, "c-" + i);
                Thread.sleep(pause);
            }
            cpu[1] = cpu(peer, watcher);
            recorder.countModifications(APPENDED);
            for (int i = 0; i < writes; i++) {
                appends[i] = append(watcher, recorder, appended);
                Thread.sleep(pause);
            }
            cpu[2] = cpu(peer, watcher);
        }
        Path samples = params.optionalPath("samples");
        if (samples != null) {
            Files.write(samples, Arrays.stream(created).mapToObj(n -> "create " + n).toList());
            Files.write(samples, Arrays.stream(appends).mapToObj(n -> "append " + n).toList(),
                    StandardOpenOption.APPEND);
        }
        Measurement measurement = new Measurement().put("writes", writes);
        figures(measurement, "create", created);
        figures(measurement, "append", appends);
        String[] phases = {"create", "append"};
        for (int phase = 0; phase < phases.length; phase++) {
            measurement.put(phases[phase] + "WatcherCpuUs", (cpu[phase + 1][0] - cpu[phase][0]) / 1e3 / writes)
                    .put(phases[phase] + "ProcessCpuUs", (cpu[phase + 1][1] - cpu[phase][1]) / 1e3 / writes);
        }
        return measurement;
    }

    /**
     * @return the CPU time so far of the peer's own threads (its process, for inotifywait) and of the whole JVM,
     * the compilers included: what watching costs, apart from how the machine schedules it
     */
    private static long[] cpu(PeerId peer, Watcher watcher) throws IOException {
        long own = peer.jvm() ? CpuMeter.threadsNanos(watcher.ownsThread())
                : CpuMeter.processNanos(watcher.pid().orElseThrow());
        return new long[] {own, CpuMeter.processNanos()};
    }

    /** @return the latency of one new file, in nanoseconds; -1 if it was never reported */
    private static long create(Watcher watcher, Recorder recorder, Path dir, String name) throws Exception {
        long start = System.nanoTime();
        Files.write(dir.resolve(name), CONTENT);
        watcher.wrote(EventKind.CREATE, name);
        long taken = recorder.awaitCreated(name, TIMEOUT_NANOS);
        return taken < 0 ? -1 : taken - start;
    }

    /** @return the latency of one append, in nanoseconds; -1 if it was never reported */
    private static long append(Watcher watcher, Recorder recorder, Path file) throws Exception {
        int seen = recorder.modifications();
        long start = System.nanoTime();
        Files.write(file, CONTENT, StandardOpenOption.APPEND);
        watcher.wrote(EventKind.MODIFY, APPENDED);
        long taken = recorder.awaitModified(seen, TIMEOUT_NANOS);
        return taken < 0 ? -1 : taken - start;
    }

    /** Percentiles of the writes that were reported, the first write's latency, and how many were never reported. */
    private static void figures(Measurement measurement, String prefix, long[] latencies) {
        long[] found = Arrays.stream(latencies).filter(n -> n >= 0).toArray();
        measurement.put(prefix + "Lost", latencies.length - found.length)
                .put(prefix + "FirstMs", latencies[0] < 0 ? Double.NaN : latencies[0] / 1e6)
                .put(prefix + "P50Ms", Stats.percentile(found, 50) / 1e6)
                .put(prefix + "P90Ms", Stats.percentile(found, 90) / 1e6)
                .put(prefix + "P99Ms", Stats.percentile(found, 99) / 1e6)
                .put(prefix + "MaxMs", Stats.percentile(found, 100) / 1e6);
    }
}
