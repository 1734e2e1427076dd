package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rescans run on a recovery thread of the service's own, so the poller goes on serving every key while one is
 * rescanned. A rescan is held still here by an exclusion matcher that blocks when the scan asks it about an entry:
 * the scan is then provably under way, whatever the machine's speed.
 */
class RescanThreadTest extends CoreFixture {

    private static final WatchEvent.Kind<?>[] CREATE_DELETE = {ENTRY_CREATE, ENTRY_DELETE};
    private static final String THREAD_PREFIX = "nativewatch-fake-recovery-";

    @Test
    void otherKeysAreServedWhileARescanRunsAndTheRescannedKeysChangesComeAfterIt() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.createFile(tree.resolve("old"));
        Path other = Files.createDirectory(dir.resolve("other"));
        BlockingMatcher matcher = new BlockingMatcher();
        WatchKey rescanned = register(tree, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW,
                ExtendedModifiers.exclude(matcher));
        WatchKey served = register(other, ENTRY_CREATE);
        startBlockedRescan(rescanned, tree, matcher);

        Files.createFile(other.resolve("meanwhile"));
        backend.report(other, sink -> sink.changed(Change.CREATED, Path.of("meanwhile")));
        assertSame(served, awaitKey(), "the poller served another key while the rescan was held still");
        assertEquals(List.of("ENTRY_CREATE meanwhile"), describe(served.pollEvents()));

        Files.createFile(tree.resolve("during"));
        backend.report(tree, sink -> sink.changed(Change.CREATED, Path.of("during")));
        assertNull(service.poll(), "a change of the rescanned key waits for the rescan's report");

        matcher.release();
        List<String> events = new ArrayList<>();
        while (!events.contains("ENTRY_CREATE during")) {
            WatchKey key = awaitKey();
            assertSame(rescanned, key);
            events.addAll(describe(key.pollEvents()));
            key.reset();
        }
        awaitRescans(rescanned);
        assertNull(service.poll());
        assertEquals(List.of("ENTRY_CREATE during"), events, "reported once, whether the scan saw it or not");
    }

    @Test
    void cancellingAKeyStopsItsRescanBeforeTheNextDirectory() throws Exception {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Files.createFile(tree.resolve("file"));
        Files.createFile(Files.createDirectory(tree.resolve("sub")).resolve("inner"));
        BlockingMatcher matcher = new BlockingMatcher();
        WatchKey key = register(tree, CREATE_DELETE, ExtendedModifiers.SUBTREE, ExtendedModifiers.RESCAN_ON_OVERFLOW,
                ExtendedModifiers.exclude(matcher));
        startBlockedRescan(key, tree, matcher);

        key.cancel();
        matcher.release();
        Thread recovery = recoveryThread();
        awaitIdle(recovery);
        assertFalse(matcher.asked.contains(Path.of("sub", "inner")), "the scan went on into " + matcher.asked);
        assertNull(service.poll());
    }

    @Test
    void closeEndsTheRecoveryThreadEvenWhileARescanIsHeldStill() throws Exception {
        Files.createFile(dir.resolve("file"));
        BlockingMatcher matcher = new BlockingMatcher();
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW,
                ExtendedModifiers.exclude(matcher));
        startBlockedRescan(key, dir, matcher);
        Thread recovery = recoveryThread();

        service.close();
        assertFalse(recovery.isAlive(), "close returns once the recovery thread has ended");
        assertFalse(key.isValid());
    }

    /** Overflows the key and takes the OVERFLOW, then waits until the rescan asks the matcher and blocks. */
    private void startBlockedRescan(WatchKey key, Path directory, BlockingMatcher matcher) throws Exception {
        matcher.arm();
        backend.report(directory, ChangeSink::overflowed);
        assertSame(key, awaitKey());
        assertEquals(List.of("OVERFLOW null"), describe(key.pollEvents()));
        key.reset();
        assertTrue(matcher.entered.await(DEADLINE_SECONDS, TimeUnit.SECONDS), "the rescan never started");
    }

    private static Thread recoveryThread() {
        List<Thread> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(THREAD_PREFIX) && thread.isAlive()).toList();
        assertEquals(1, threads.size(), threads.toString());
        return threads.get(0);
    }

    /** Waits until the recovery thread waits for its next task: the cancelled rescan has ended. */
    private static void awaitIdle(Thread recovery) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!waitingForWork(recovery)) {
            assertTrue(System.nanoTime() < deadline, "the recovery thread is still busy: " + recovery.getState());
            Thread.sleep(1);
        }
    }

    private static boolean waitingForWork(Thread thread) {
        if (thread.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getMethodName().equals("getTask")) {
                return true;
            }
        }
        return false;
    }

    /** Excludes nothing; once armed, the first question blocks until released (or interrupted). */
    private static final class BlockingMatcher implements PathMatcher {
        final CountDownLatch entered = new CountDownLatch(1);
        final List<Path> asked = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile boolean armed;

        void arm() {
            armed = true;
        }

        void release() {
            released.countDown();
        }

        @Override
        public boolean matches(Path path) {
            if (!armed) {
                return false;
            }
            asked.add(path);
            entered.countDown();
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }
}
