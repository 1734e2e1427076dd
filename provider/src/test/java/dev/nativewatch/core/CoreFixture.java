package dev.nativewatch.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service on the scripted backend, over a real temporary directory. */
abstract class CoreFixture {

    /** Long enough for any machine; the conditions awaited are normally met at once. */
    static final long DEADLINE_SECONDS = 30;

    @TempDir
    Path dir;

    FakeBackend backend;
    NativeWatchService service;

    @BeforeEach
    void startService() throws IOException {
        backend = new FakeBackend();
        service = new NativeWatchService(backend, FileSystems.getDefault(), relative -> relative);
    }

    @AfterEach
    void closeService() {
        service.close();
    }

    WatchKey register(Path directory, WatchEvent.Kind<?>... kinds) throws IOException {
        return service.register(directory, directory, kinds);
    }

    WatchKey register(Path directory, WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers)
            throws IOException {
        return service.register(directory, directory, kinds, modifiers);
    }

    WatchKey awaitKey() throws InterruptedException {
        WatchKey key = service.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(key, "no key was signalled within " + DEADLINE_SECONDS + " s");
        return key;
    }

    /**
     * Waits until no rescan of {@code key} is due or running: rescans run on the service's recovery thread, so a
     * test that asserts what a rescan left behind must let it finish first.
     */
    static void awaitRescans(WatchKey key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        NativeWatchKey ours = (NativeWatchKey) key;
        while (rescanPending(ours)) {
            assertTrue(System.nanoTime() < deadline, "a rescan did not finish within " + DEADLINE_SECONDS + " s");
            Thread.sleep(1);
        }
    }

    private static boolean rescanPending(NativeWatchKey key) {
        synchronized (key) {
            Recovery recovery = key.recovery();
            if (recovery != null && (recovery.scanDue() || recovery.phase() == Recovery.Phase.SCANNING)) {
                return true;
            }
        }
        return key.gate().holding();
    }

    /** Renders events as "KIND context" (with "xN" for counts above one), for readable assertions. */
    static List<String> describe(List<WatchEvent<?>> events) {
        return events.stream()
                .map(e -> e.kind().name() + " " + e.context() + (e.count() > 1 ? " x" + e.count() : ""))
                .collect(Collectors.toList());
    }
}
