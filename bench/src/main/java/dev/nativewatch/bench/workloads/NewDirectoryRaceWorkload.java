package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;
import dev.nativewatch.bench.peers.Recorder;
import dev.nativewatch.bench.peers.Watcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * D: the new-subdirectory race. Under a recursive watch, create a directory and at once files in it: a watcher
 * that only starts watching the directory when it hears of it misses the files created before then, unless it
 * lists the directory after watching it.
 *
 * <p>Parameters: {@code root} (empty), {@code rounds}, {@code files} (per round), {@code pauseMillis} (between
 * rounds), {@code quietMillis}, {@code deadlineMillis}.
 */
final class NewDirectoryRaceWorkload implements Workload {

    private static final long GRACE_NANOS = 300_000_000L;

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path root = params.path("root");
        int rounds = params.integer("rounds");
        int files = params.integer("files");
        long pause = params.longValue("pauseMillis");
        Recorder recorder = new Recorder(name -> name.startsWith("r-") && name.contains("/f-"));

        try (Watcher watcher = peer.newWatcher()) {
            watcher.start(root, true, recorder);
            long start = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                Path dir = Files.createDirectory(root.resolve("r-" + round));
                for (int i = 0; i < files; i++) {
                    Files.createFile(dir.resolve("f-" + i));
                }
                Thread.sleep(pause);
            }
            recorder.touch();
            recorder.awaitQuiet(params.longValue("quietMillis") * 1_000_000, rounds * files, GRACE_NANOS,
                    start + params.longValue("deadlineMillis") * 1_000_000);
            return new Measurement()
                    .put("expected", rounds * files)
                    .put("reported", recorder.distinctCreated())
                    .put("watcherErrors", watcher.errors());
        }
    }
}
