package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Drives an {@link InotifyEngine} on the test's own thread, as the core's poller would: the test decides when the
 * engine reads. Waits are on conditions with a generous deadline, never on time alone.
 */
final class EngineHarness implements AutoCloseable {

    static final long DEADLINE_SECONDS = 60;

    final InotifyEngine engine;
    private final List<DirectoryWatch> watches = new ArrayList<>();
    private Path sentinelDirectory;
    private RecordingSink sentinelSink;
    private int sentinels;

    EngineHarness() throws IOException {
        this(JnaInotifyApi.INSTANCE);
    }

    EngineHarness(InotifyApi api) throws IOException {
        assumeInotify();
        engine = InotifyEngine.open(api);
    }

    /** Skips the calling test, saying why, where inotify cannot run. */
    static void assumeInotify() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "inotify exists only on Linux");
        assumeTrue(Inotify.isAvailable(), () -> "inotify is unavailable here: " + Inotify.unavailabilityCause());
    }

    static WatchSpec spec(Set<Change> changes, boolean subtree, boolean pairRenames) {
        return new WatchSpec(changes, subtree, pairRenames, OptionalInt.empty(), Optional.empty());
    }

    static WatchSpec spec(Change first, Change... rest) {
        return spec(EnumSet.of(first, rest), false, false);
    }

    DirectoryWatch watch(Path dir, WatchSpec spec, RecordingSink sink) throws IOException {
        DirectoryWatch watch = engine.watch(dir, spec, sink);
        watches.add(watch);
        return watch;
    }

    RecordingSink watch(Path dir, WatchSpec spec) throws IOException {
        RecordingSink sink = new RecordingSink();
        watch(dir, spec, sink);
        return sink;
    }

    /** Lets the engine read until the condition holds; fails with {@code state} after the deadline. */
    void until(BooleanSupplier condition, Supplier<?> state) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE_SECONDS + " s; " + state.get());
            }
            engine.awaitChanges(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    void until(RecordingSink sink, String event) throws IOException {
        until(() -> sink.saw(event), () -> "waiting for " + event + " in " + sink);
    }

    /**
     * Makes sure the engine has handled every event caused before this call: all events come through one queue in
     * order, so once a sentinel file's creation has been reported, everything before it has been dispatched.
     *
     * @param scratch a directory of its own for the sentinels, outside what the test watches
     */
    void sync(Path scratch) throws IOException {
        if (sentinelDirectory == null) {
            sentinelDirectory = scratch;
            sentinelSink = watch(scratch, spec(Change.CREATED));
        }
        String name = "sentinel-" + (++sentinels);
        Files.createFile(sentinelDirectory.resolve(name));
        until(sentinelSink, "CREATED " + name);
    }

    @Override
    public void close() {
        for (DirectoryWatch watch : watches) {
            watch.cancel();
        }
        engine.close();
    }
}
