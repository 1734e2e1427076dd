package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.peers.Recorder;
import dev.nativewatch.bench.peers.Watcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * B: create many files in one watched directory as fast as one thread can, and count what the peer reports:
 * events, distinct files, OVERFLOWs, and when its last event came.
 *
 * <p>Parameters: {@code dir} (empty), {@code files}, {@code quietMillis} (no event for this long ends the wait),
 * {@code deadlineMillis}.
 */
final class BurstWorkload implements Workload {

    /** Once every file has been seen, a shorter quiet suffices to catch stragglers. */
    private static final long GRACE_NANOS = 300_000_000L;

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path dir = params.path("dir");
        int files = params.integer("files");
        Recorder recorder = new Recorder(name -> name.startsWith("f-"));

        try (Watcher watcher = peer.newWatcher()) {
            watcher.start(dir, false, recorder);
            long start = System.nanoTime();
            for (int i = 0; i < files; i++) {
                Files.createFile(dir.resolve("f-" + i));
            }
            long written = System.nanoTime();
            recorder.touch();
            recorder.awaitQuiet(params.longValue("quietMillis") * 1_000_000, files, GRACE_NANOS,
                    start + params.longValue("deadlineMillis") * 1_000_000);

            long last = recorder.lastEventNanos();
            return new Measurement()
                    .put("createMs", (written - start) / 1e6)
                    .put("events", recorder.createEvents())
                    .put("distinctFiles", recorder.distinctCreated())
                    .put("overflows", recorder.overflows())
                    .put("lastEventMs", last == 0 ? Double.NaN : (last - start) / 1e6)
                    .put("allReported", recorder.distinctCreated() == files ? 1 : 0)
                    .put("watcherErrors", watcher.errors());
        }
    }
}
