package dev.nativewatch.bench.workloads;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;
import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.peers.PeerId;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * H: how soon a recovery starts telling what an overflow lost. A tree is watched with RESCAN_ON_OVERFLOW while
 * nothing consumes, and files are created in its root until the key's list (capped by the runner with
 * {@code maxEventsPerPoll}) is replaced by OVERFLOW; the consumer then takes the OVERFLOW and resets the key, and
 * the time from there to the first batch of recovered events, and to the batch with the last lost file, is
 * measured. The JDK has no recovery: on OVERFLOW its user lists the tree again, and for the JDK peer that walk
 * (reading each entry's attributes, as a rescan does) is what is timed.
 *
 * <p>Parameters: {@code root} (a tree), {@code dirs} (directories under the root), {@code files} (more than the
 * cap), {@code deadlineMillis}.
 */
final class RecoveryWorkload implements Workload {

    private static final WatchEvent.Kind<?>[] KINDS = {StandardWatchEventKinds.ENTRY_CREATE,
            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY};
    /** Lets the poller read every creation before the consumer looks, so that the first batch is the OVERFLOW. */
    private static final long SETTLE_MILLIS = 1_000;

    @Override
    public Measurement run(PeerId peer, Map<String, String> values) throws Exception {
        Params params = new Params(values);
        Path root = params.path("root");
        int files = params.integer("files");
        long entries = params.integer("dirs") + files + 1L;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(params.longValue("deadlineMillis"));
        try {
            long[] times = peer == PeerId.JDK ? relist(root, files) : recover(root, files, deadline);
            return new Measurement()
                    .put("entries", entries)
                    .put("firstRecoveredMs", times[0] / 1e6)
                    .put("lastRecoveredMs", times[1] / 1e6)
                    .put("firstPer10kMs", times[0] / 1e6 * 10_000 / entries);
        } finally {
            for (int i = 0; i < files; i++) {
                Files.deleteIfExists(root.resolve("h-" + i));
            }
        }
    }

    /** @return nanoseconds from the OVERFLOW taken to the first recovered batch, and to the last lost file's */
    private static long[] recover(Path root, int files, long deadline) throws Exception {
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(root).register(service, KINDS, ExtendedModifiers.SUBTREE,
                    ExtendedModifiers.RESCAN_ON_OVERFLOW);
            create(root, files);
            Thread.sleep(SETTLE_MILLIS);
            Set<String> seen = new HashSet<>();
            long overflowTaken = takeOverflow(service, seen, deadline);
            long first = 0;
            long last = 0;
            while (seen.size() < files && System.nanoTime() < deadline) {
                WatchKey key = service.poll(100, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                List<WatchEvent<?>> batch = key.pollEvents();
                long at = System.nanoTime();
                first = first == 0 && !batch.isEmpty() ? at : first;
                last = record(batch, seen) ? at : last;
                key.reset();
            }
            if (seen.size() < files) {
                throw new IllegalStateException("only " + seen.size() + " of " + files + " files recovered");
            }
            return new long[] {first - overflowTaken, last - overflowTaken};
        }
    }

    /** @return when the batch holding the OVERFLOW was taken; the lost files seen before it are noted */
    private static long takeOverflow(WatchService service, Set<String> seen, long deadline) throws Exception {
        while (System.nanoTime() < deadline) {
            WatchKey key = service.poll(100, TimeUnit.MILLISECONDS);
            if (key == null) {
                continue;
            }
            List<WatchEvent<?>> batch = key.pollEvents();
            long at = System.nanoTime();
            boolean overflow = !batch.isEmpty() && batch.get(0).kind() == StandardWatchEventKinds.OVERFLOW;
            record(batch, seen);
            key.reset();
            if (overflow) {
                return at;
            }
        }
        throw new IllegalStateException("no OVERFLOW: the cap (maxEventsPerPoll) was not reached");
    }

    /** @return whether the batch named a file not seen before */
    private static boolean record(List<WatchEvent<?>> batch, Set<String> seen) {
        boolean added = false;
        for (WatchEvent<?> event : batch) {
            Object context = event.context();
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && context.toString().startsWith("h-")) {
                added |= seen.add(context.toString());
            }
        }
        return added;
    }

    /** The JDK's way back after an OVERFLOW: list the whole tree again, reading what a rescan reads. */
    private static long[] relist(Path root, int files) throws IOException {
        create(root, files);
        long start = System.nanoTime();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFileFailed(Path file, IOException failure) {
                return FileVisitResult.CONTINUE;
            }
        });
        long took = System.nanoTime() - start;
        return new long[] {took, took};
    }

    private static void create(Path root, int files) throws IOException {
        for (int i = 0; i < files; i++) {
            Files.createFile(root.resolve("h-" + i));
        }
    }
}
