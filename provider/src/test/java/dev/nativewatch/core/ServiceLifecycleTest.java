package dev.nativewatch.core;

import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's queue, close, interrupts, and what happens when its poller fails. */
class ServiceLifecycleTest extends CoreFixture {

    @Test
    void pollReturnsNullWhenNothingIsSignalled() throws Exception {
        register(dir, ENTRY_CREATE);
        assertNull(service.poll());
        assertNull(service.poll(0, TimeUnit.SECONDS));
        assertNull(service.poll(-1, TimeUnit.SECONDS));
        assertNull(service.poll(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void closeWakesEveryBlockedTaker() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        List<CompletableFuture<Throwable>> takers = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        for (CompletableFuture<Throwable> taker : takers) {
            Thread thread = new Thread(() -> {
                started.countDown();
                try {
                    service.take();
                    taker.complete(null);
                } catch (Throwable t) {
                    taker.complete(t);
                }
            });
            thread.start();
        }
        started.await();
        service.close();
        for (CompletableFuture<Throwable> taker : takers) {
            assertInstanceOf(ClosedWatchServiceException.class, taker.get(DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void afterCloseEverythingButCancelThrowsAndKeysAreInvalid() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.report(dir, sink -> sink.changed(Change.CREATED, Path.of("pending")));
        service.close();
        service.close();
        assertThrows(ClosedWatchServiceException.class, service::poll);
        assertThrows(ClosedWatchServiceException.class, () -> service.poll(10, TimeUnit.SECONDS));
        assertThrows(ClosedWatchServiceException.class, service::take);
        assertThrows(ClosedWatchServiceException.class, () -> register(dir, ENTRY_CREATE));
        assertFalse(key.isValid());
        key.cancel();
        assertEquals(List.of("ENTRY_CREATE pending"), describe(key.pollEvents()), "events stay retrievable");
    }

    @Test
    void closeReleasesEveryWatchTheEngineAndThePollerThread() throws Exception {
        register(dir, ENTRY_CREATE);
        register(java.nio.file.Files.createDirectory(dir.resolve("sub")), ENTRY_CREATE);
        assertEquals(2, backend.activeWatches());
        Thread poller = backend.engine.pollerThread;
        service.close();
        assertEquals(0, backend.activeWatches());
        assertTrue(backend.engine.closed);
        assertFalse(poller != null && poller.isAlive(), "close returns once the poller thread has ended");
    }

    /** So that an engine whose close frees every native watch at once can skip freeing them one by one. */
    @Test
    void theEngineHearsThatTheServiceIsClosingBeforeItsWatchesAreReleased() throws Exception {
        WatchKey cancelled = register(java.nio.file.Files.createDirectory(dir.resolve("cancelled")), ENTRY_CREATE);
        register(java.nio.file.Files.createDirectory(dir.resolve("open")), ENTRY_CREATE);
        cancelled.cancel();
        service.close();
        assertEquals(List.of("cancel cancelled", "closing", "cancel open", "close"), backend.lifecycle);
    }

    @Test
    void aFailingPollerAlsoTellsTheEngineBeforeReleasingTheWatches() throws Exception {
        WatchKey key = register(java.nio.file.Files.createDirectory(dir.resolve("open")), ENTRY_CREATE);
        backend.failNextWait(new IllegalStateException("kernel facility broke"));
        assertSame(key, awaitKey());
        // Refused only once the poller has released everything and closed the engine.
        assertThrows(IOException.class, () -> register(dir, ENTRY_CREATE));
        List<String> lifecycle = List.copyOf(backend.lifecycle);
        assertEquals("closing", lifecycle.get(0), lifecycle.toString());
        assertEquals("close", lifecycle.get(lifecycle.size() - 1), lifecycle.toString());
        assertEquals(Set.of("cancel open"), Set.copyOf(lifecycle.subList(1, lifecycle.size() - 1)),
                lifecycle.toString());
    }

    /*
     * As when an older JNA lacks a method the engine calls both while watching and while closing. These use a
     * service of their own: if close() hangs, the fixture's teardown must not hang with it.
     */
    @Test
    void closeReturnsWhenThePollerAndTheEngineCloseFailWithAnError() throws Exception {
        FakeBackend failing = new FakeBackend();
        NativeWatchService own = new NativeWatchService(failing, java.nio.file.FileSystems.getDefault(), r -> r);
        WatchKey key = own.register(dir, dir, new java.nio.file.WatchEvent.Kind<?>[] {ENTRY_CREATE});
        failing.closeFailure = new NoSuchMethodError("com.sun.jna.Memory.close()");
        failing.failNextWait(new NoSuchMethodError("com.sun.jna.Memory.close()"));
        assertSame(key, own.poll(DEADLINE_SECONDS, TimeUnit.SECONDS));
        assertFalse(key.isValid());
        assertCloseReturns(own);
    }

    @Test
    void closeReturnsWhenOnlyTheEngineCloseFailsWithAnError() throws Exception {
        FakeBackend failing = new FakeBackend();
        NativeWatchService own = new NativeWatchService(failing, java.nio.file.FileSystems.getDefault(), r -> r);
        own.register(dir, dir, new java.nio.file.WatchEvent.Kind<?>[] {ENTRY_CREATE});
        failing.closeFailure = new NoSuchMethodError("com.sun.jna.Memory.close()");
        assertCloseReturns(own);
        assertEquals("close", failing.lifecycle.get(failing.lifecycle.size() - 1));
    }

    private static void assertCloseReturns(NativeWatchService own) throws Exception {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(own::close);
        try {
            closed.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("close() did not return within " + DEADLINE_SECONDS + " s", e);
        }
        assertThrows(ClosedWatchServiceException.class, own::poll);
    }

    @Test
    void anInterruptedTakerGetsInterruptedExceptionAndTheFlagIsCleared() {
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, service::take);
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> service.poll(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
    }

    @Test
    void aFailingPollerInvalidatesAndSignalsEveryKeyAndRefusesNewRegistrations() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE);
        backend.failNextWait(new IllegalStateException("kernel facility broke"));
        assertSame(key, awaitKey());
        assertFalse(key.isValid());
        IOException refused = assertThrows(IOException.class, () -> register(dir, ENTRY_CREATE));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertTrue(backend.engine.closed, "the engine's resources are released");
        service.close();
        assertThrows(ClosedWatchServiceException.class, service::poll);
    }

    @Test
    void registrationsFromManyThreadsAllSucceed() throws Exception {
        List<CompletableFuture<WatchKey>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Path sub = java.nio.file.Files.createDirectory(dir.resolve("d" + i));
            CompletableFuture<WatchKey> result = new CompletableFuture<>();
            results.add(result);
            new Thread(() -> {
                try {
                    result.complete(register(sub, ENTRY_CREATE));
                } catch (Throwable t) {
                    result.completeExceptionally(t);
                }
            }).start();
        }
        for (CompletableFuture<WatchKey> result : results) {
            try {
                assertTrue(result.get(DEADLINE_SECONDS, TimeUnit.SECONDS).isValid());
            } catch (ExecutionException e) {
                throw new AssertionError(e.getCause());
            }
        }
        assertEquals(8, backend.activeWatches());
    }

    @Test
    void closeRacingRegistrationNeverGivesAnIOException() throws Exception {
        for (int round = 0; round < 50; round++) {
            FakeBackend raceBackend = new FakeBackend();
            NativeWatchService racing = new NativeWatchService(raceBackend, dir.getFileSystem(), p -> p);
            CompletableFuture<Throwable> registering = CompletableFuture.supplyAsync(() -> {
                try {
                    for (int i = 0; i < 20; i++) {
                        racing.register(dir, dir, new java.nio.file.WatchEvent.Kind<?>[] {ENTRY_CREATE});
                    }
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            racing.close();
            Throwable outcome = registering.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (outcome != null) {
                assertInstanceOf(ClosedWatchServiceException.class, outcome);
            }
        }
    }
}
