package dev.nativewatch.bench.workloads;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;
import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * I: steady change and a consumer slower than it, with the runner capping each key's list
 * ({@code maxEventsPerPoll}): a burst of files, then one new file at a steady pace for a few seconds, while the
 * consumer sleeps after every batch it takes. Counts the batches, those that hold nothing but an OVERFLOW (a batch
 * the consumer takes and learns nothing from), and the files reported. The peers are used directly, not through
 * {@code Watcher}, because what is counted is the batch.
 *
 * <p>Parameters: {@code dir} (empty), {@code burst}, {@code everyMillis}, {@code steadyMillis},
 * {@code consumerSleepMillis}, {@code quietMillis} (no event for this long ends the wait), {@code deadlineMillis}.
 */
final class ChurnWorkload implements Workload {

    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY};
    private static final long GRACE_NANOS = 300_000_000L;

    /** What the consumer saw; guarded by itself. */
    private static final class Seen {
        final Set<String> files = new HashSet<>();
        long batches;
        long overflowOnly;
        long overflows;
        long lastEventNanos = System.nanoTime();
    }

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path dir = params.path("dir");
        Seen seen = new Seen();
        int files;
        try (WatchService service = open(peer, dir)) {
            Thread consumer = new Thread(() -> consume(service, seen, params.longValue("consumerSleepMillis")),
                    "bench-consumer");
            consumer.setDaemon(true);
            consumer.start();
            files = produce(dir, params.integer("burst"), params.longValue("everyMillis"),
                    params.longValue("steadyMillis"));
            awaitQuiet(seen, files, params.longValue("quietMillis"), params.longValue("deadlineMillis"));
            service.close();
            consumer.join(10_000);
        }
        synchronized (seen) {
            return new Measurement()
                    .put("files", files)
                    .put("reported", seen.files.size())
                    .put("reportedShare", seen.files.size() / (double) files)
                    .put("batches", seen.batches)
                    .put("overflowOnlyBatches", seen.overflowOnly)
                    .put("overflowOnlyShare", seen.batches == 0 ? 0 : seen.overflowOnly / (double) seen.batches)
                    .put("overflows", seen.overflows);
        }
    }

    private static WatchService open(PeerId peer, Path dir) throws IOException {
        if (peer == PeerId.JDK) {
            WatchService service = FileSystems.getDefault().newWatchService();
            dir.register(service, KINDS);
            return service;
        }
        WatchService service = NativeWatch.newWatchService();
        WatchEvent.Modifier[] modifiers = peer == PeerId.NATIVEWATCH_RESCAN
                ? new WatchEvent.Modifier[] {ExtendedModifiers.RESCAN_ON_OVERFLOW} : new WatchEvent.Modifier[0];
        NativeWatch.path(dir).register(service, KINDS, modifiers);
        return service;
    }

    /** @return how many files were made */
    private static int produce(Path dir, int burst, long everyMillis, long steadyMillis) throws IOException {
        int made = 0;
        while (made < burst) {
            Files.createFile(dir.resolve("c-" + made++));
        }
        long start = System.nanoTime();
        long every = TimeUnit.MILLISECONDS.toNanos(everyMillis);
        long end = start + TimeUnit.MILLISECONDS.toNanos(steadyMillis);
        for (long next = start; next < end; next += every) {
            LockSupport.parkNanos(next - System.nanoTime());
            Files.createFile(dir.resolve("c-" + made++));
        }
        return made;
    }

    private static void consume(WatchService service, Seen seen, long sleepMillis) {
        try {
            while (true) {
                WatchKey key = service.take();
                List<WatchEvent<?>> batch = key.pollEvents();
                note(batch, seen);
                Thread.sleep(sleepMillis);
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            // The service closed: the run is over.
        }
    }

    private static void note(List<WatchEvent<?>> batch, Seen seen) {
        synchronized (seen) {
            seen.batches++;
            if (batch.size() == 1 && batch.get(0).kind() == StandardWatchEventKinds.OVERFLOW) {
                seen.overflowOnly++;
            }
            for (WatchEvent<?> event : batch) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    seen.overflows++;
                } else if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                    seen.files.add(event.context().toString());
                }
            }
            seen.lastEventNanos = System.nanoTime();
        }
    }

    /** Until no batch came for {@code quietMillis}, or every file was seen and none came for a moment. */
    private static void awaitQuiet(Seen seen, int files, long quietMillis, long deadlineMillis)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        long quiet = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        while (System.nanoTime() < deadline) {
            long since;
            int count;
            synchronized (seen) {
                since = System.nanoTime() - seen.lastEventNanos;
                count = seen.files.size();
            }
            if (since >= quiet || (count >= files && since >= GRACE_NANOS)) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
