package dev.nativewatch.core;

import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.Privileged;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.Watchable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread of a service that touches its engine. Other threads hand it requests and wake it; it runs
 * them between waits for changes. A failure on this thread is logged, and every key is invalidated and
 * signalled, so that no consumer waits on a dead watcher without knowing.
 */
final class Poller implements Runnable {

    private static final System.Logger LOG = System.getLogger(Poller.class.getName());
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final long JOIN_TIMEOUT_MILLIS = 10_000;

    private final String backendName;
    private final WatchEngine engine;
    private final NativeWatchService service;
    private final Thread thread;
    private final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Object acceptLock = new Object();
    private boolean accepting = true;
    private volatile Throwable failure;

    // Confined to the poller thread.
    private final Map<Object, NativeWatchKey> keysByIdentity = new HashMap<>();
    private final Set<NativeWatchKey> recoveringKeys = new LinkedHashSet<>();
    private boolean running = true;
    private CompletableFuture<Void> shutdownResult;

    Poller(String backendName, WatchEngine engine, NativeWatchService service) {
        this.backendName = backendName;
        this.engine = engine;
        this.service = service;
        // Made with the provider's permissions, as the JDK makes its watch services' threads: the thread would
        // otherwise inherit the access control context of whoever opened the service, and act with its rights.
        this.thread = Privileged.run(() -> new Thread(this,
                "nativewatch-" + backendName + "-poller-" + THREAD_NUMBER.incrementAndGet()));
        thread.setDaemon(true);
        thread.start();
    }

    String backendName() {
        return backendName;
    }

    // ---- from any thread

    NativeWatchKey register(Path directory, Watchable watchable, Registration registration) throws IOException {
        CompletableFuture<NativeWatchKey> result = new CompletableFuture<>();
        submit(new Register(directory, watchable, registration, result));
        return awaitUninterruptibly(result);
    }

    void cancel(NativeWatchKey key) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        submit(new Cancel(key, result));
        awaitQuietly(result);
    }

    /** Stops the poller, after it has released every watch and the engine; returns once its thread has ended. */
    void shutdown() {
        if (Thread.currentThread() == thread) {
            running = false;
            return;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        submit(new Shutdown(result));
        awaitQuietly(result);
        joinUninterruptibly();
    }

    void wakeup() {
        engine.wakeup();
    }

    // ---- from keys, on the poller thread

    /** A backend gave up on a key's watch: drop it and release what is left of it. */
    void forget(NativeWatchKey key, String reason) {
        LOG.log(System.Logger.Level.DEBUG, () -> key.watchable() + " is no longer watched: " + reason);
        release(key);
    }

    // ---- the thread

    @Override
    public void run() {
        try {
            while (running) {
                runRequests();
                if (running) {
                    runDueRescans();
                    engine.awaitChanges(Long.MAX_VALUE);
                }
            }
        } catch (Throwable t) {
            failure = t;
            LOG.log(System.Logger.Level.ERROR, "nativewatch " + backendName
                    + " poller failed; every key of its service is now invalid", t);
        } finally {
            try {
                // Resources first: whoever is refused from here on may rely on them being released.
                engineClosing();
                releaseEverything(failure != null);
                closeEngine();
            } finally {
                // Whatever the cleanup met, close() and pending requests must get their answer, or they wait
                // forever on a thread that is gone.
                stopAccepting();
                if (shutdownResult != null) {
                    shutdownResult.complete(null);
                }
            }
        }
    }

    private void runRequests() {
        Request request;
        while (running && (request = requests.poll()) != null) {
            run(request);
        }
    }

    private void run(Request request) {
        if (request instanceof Register register) {
            try {
                register.result().complete(register(register));
            } catch (Throwable t) {
                register.result().completeExceptionally(t);
            }
        } else if (request instanceof Cancel cancel) {
            release(cancel.key());
            cancel.result().complete(null);
        } else if (request instanceof Shutdown shutdown) {
            running = false;
            shutdownResult = shutdown.result();
        }
    }

    private NativeWatchKey register(Register request) throws IOException {
        Registration registration = request.registration();
        WatchSpec spec = registration.toSpec();
        Object identity = engine.identify(request.directory());
        NativeWatchKey existing = keysByIdentity.get(identity);
        if (existing != null && existing.isValid()) {
            TreeSnapshot base = baseFor(existing.recovery() == null, request.directory(), registration, spec);
            existing.watch().respecify(spec);
            existing.respecify(registration);
            startRecovery(existing, base);
            return existing;
        }
        TreeSnapshot base = baseFor(true, request.directory(), registration, spec);
        NativeWatchKey key = new NativeWatchKey(service, request.watchable(), request.directory(), registration,
                service.maxEventsPerKey());
        DirectoryWatch watch = engine.watch(request.directory(), spec, key);
        key.attach(watch, identity);
        keysByIdentity.put(identity, key);
        startRecovery(key, base);
        return key;
    }

    /** The scan a rescan will compare against, taken before watching so that no change falls between the two. */
    private TreeSnapshot baseFor(boolean needed, Path directory, Registration registration, WatchSpec spec)
            throws IOException {
        if (!needed || !registration.options().rescanOnOverflow()) {
            return null;
        }
        return TreeSnapshot.take(directory, spec);
    }

    private void startRecovery(NativeWatchKey key, TreeSnapshot base) {
        Recovery recovery = key.recovery();
        if (recovery == null) {
            recoveringKeys.remove(key);
            return;
        }
        synchronized (key) {
            if (recovery.needsBase() && base != null) {
                recovery.baseline(base);
            }
        }
        recoveringKeys.add(key);
    }

    private void runDueRescans() {
        if (recoveringKeys.isEmpty()) {
            return; // Nothing to copy on every wakeup of a poller whose keys do not recover.
        }
        for (NativeWatchKey key : new ArrayList<>(recoveringKeys)) {
            Recovery recovery = key.recovery();
            boolean due;
            synchronized (key) {
                due = recovery != null && recovery.scanDue();
            }
            if (due) {
                rescan(key, recovery);
            }
        }
    }

    private void rescan(NativeWatchKey key, Recovery recovery) {
        WatchSpec spec = key.registration().toSpec();
        TreeSnapshot now;
        try {
            now = TreeSnapshot.take(key.directory(), spec);
        } catch (IOException e) {
            key.invalidated("rescan after overflow failed: " + e);
            return;
        }
        key.recover(recovery, now, spec);
    }

    private void release(NativeWatchKey key) {
        recoveringKeys.remove(key);
        Object identity = key.identity();
        if (identity != null && keysByIdentity.get(identity) == key) {
            keysByIdentity.remove(identity);
        }
        DirectoryWatch watch = key.watch();
        if (watch != null) {
            watch.cancel();
        }
    }

    /** Each key on its own: one watch that cannot be cancelled must not keep the others from being released. */
    private void releaseEverything(boolean signal) {
        for (NativeWatchKey key : new ArrayList<>(keysByIdentity.values())) {
            try {
                if (signal) {
                    key.invalidated("the poller thread failed");
                } else {
                    key.invalidate();
                }
                release(key);
            } catch (Throwable t) {
                keysByIdentity.values().remove(key);
                LOG.log(System.Logger.Level.WARNING, "releasing the watch of " + key.watchable() + " failed", t);
            }
        }
    }

    /** Lets the engine leave freeing the watches released next to its close. */
    private void engineClosing() {
        try {
            engine.closing();
        } catch (Throwable e) { // An Error too (a JNA too old for a call, say): the shutdown must still finish.
            LOG.log(System.Logger.Level.WARNING, "preparing the " + backendName + " engine for close failed", e);
        }
    }

    private void closeEngine() {
        try {
            engine.close();
        } catch (Throwable e) { // As in engineClosing.
            LOG.log(System.Logger.Level.WARNING, "closing the " + backendName + " engine failed", e);
        }
    }

    // ---- hand-over between threads

    private void submit(Request request) {
        synchronized (acceptLock) {
            if (accepting) {
                requests.add(request);
                engine.wakeup();
                return;
            }
        }
        refuse(request);
    }

    private void stopAccepting() {
        synchronized (acceptLock) {
            accepting = false;
        }
        Request request;
        while ((request = requests.poll()) != null) {
            refuse(request);
        }
    }

    private void refuse(Request request) {
        if (request instanceof Register register) {
            register.result().completeExceptionally(refusal());
        } else if (request instanceof Cancel cancel) {
            cancel.result().complete(null);
        } else if (request instanceof Shutdown shutdown) {
            shutdown.result().complete(null);
        }
    }

    private Exception refusal() {
        Throwable cause = failure;
        if (cause == null || service.isClosed()) {
            return new ClosedWatchServiceException();
        }
        return new IOException("the " + backendName + " poller of this watch service failed", cause);
    }

    /** Registration does not respond to interrupts, as in the JDK; the interrupt stays pending for the caller. */
    private static <T> T awaitUninterruptibly(CompletableFuture<T> result) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CompletableFuture<Void> result) {
        try {
            awaitUninterruptibly(result);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request failed after the poller stopped", e);
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        } else if (cause instanceof RuntimeException runtime) {
            throw runtime;
        } else if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    private void joinUninterruptibly() {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
        while (thread.isAlive() && System.nanoTime() < deadline) {
            try {
                thread.join(JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private sealed interface Request permits Register, Cancel, Shutdown {
    }

    private record Register(Path directory, Watchable watchable, Registration registration,
                            CompletableFuture<NativeWatchKey> result) implements Request {
    }

    private record Cancel(NativeWatchKey key, CompletableFuture<Void> result) implements Request {
    }

    private record Shutdown(CompletableFuture<Void> result) implements Request {
    }
}
