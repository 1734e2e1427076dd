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
import java.util.Map;
import java.util.Queue;
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
    private final Rescans rescans;
    private boolean running = true;
    private CompletableFuture<Void> shutdownResult;

    Poller(String backendName, WatchEngine engine, NativeWatchService service) {
        this.backendName = backendName;
        this.engine = engine;
        this.service = service;
        this.rescans = new Rescans(backendName, (key, reason) -> submit(new Fail(key, reason)), this::attachBase);
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
        if (!registration.options().rescanOnOverflow()) {
            submit(new Register(directory, watchable, registration, null, result));
            return awaitUninterruptibly(result);
        }
        return registerWithBase(directory, watchable, registration, result);
    }

    /**
     * The scan a rescan compares with holds the tree as it was before register returns, so that every change made
     * since is in it or reported by an event. Where the backend lists the whole tree anyway to watch it, that listing
     * is the scan: one walk instead of two, which on a busy machine cost about twice the time; it is laid out as a
     * snapshot on the recovery thread once register has returned, and a rescan that is due before then waits for
     * it. Otherwise the tree is scanned here while the poller adds the watches, as the caller waits for both anyway.
     */
    private NativeWatchKey registerWithBase(Path directory, Watchable watchable, Registration registration,
                                            CompletableFuture<NativeWatchKey> result) throws IOException {
        WatchSpec spec = registration.toSpec();
        AttributeReader reader = new AttributeReader(directory.getFileSystem(), spec.changes());
        ListedBase listing = engine.listsWhileWatching(spec) && reader.readsOnlyListedStatus()
                ? new ListedBase(directory, reader) : null;
        submit(new Register(directory, watchable, registration, listing, result));
        TreeSnapshot base = null;
        Exception scanFailure = null;
        if (listing == null) {
            try {
                base = scanBase(directory, spec);
            } catch (IOException | RuntimeException e) {
                scanFailure = e;
            }
        }
        NativeWatchKey key = awaitUninterruptibly(result);
        if (listing != null && needsBase(key)) {
            // Reading how the JDK gives creation times reads an entry, with the provider's rights as a scan would.
            if (Privileged.run(listing::prepare)) {
                rescans.layOut(key, listing);
                return key;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "scanning " + directory + ": " + listing.unusable());
            try {
                base = scanBase(directory, spec);
            } catch (IOException | RuntimeException e) {
                scanFailure = e;
            }
        }
        if (attachBase(key, base)) {
            return key;
        }
        // Without a base no overflow could be recovered; the registration fails as a whole.
        key.cancel();
        if (scanFailure instanceof IOException io) {
            throw io;
        }
        throw (RuntimeException) scanFailure;
    }

    private static TreeSnapshot scanBase(Path directory, WatchSpec spec) throws IOException {
        return Privileged.call(() -> TreeSnapshot.take(directory, spec));
    }

    private static boolean needsBase(NativeWatchKey key) {
        synchronized (key) {
            return key.recovery() != null && key.recovery().needsBase();
        }
    }

    /** @return whether the key has the base it needs now; false if it needs one and {@code base} is null */
    private boolean attachBase(NativeWatchKey key, TreeSnapshot base) {
        synchronized (key) {
            Recovery recovery = key.recovery();
            if (recovery == null || !recovery.needsBase()) {
                return true; // Registered before, with a base already: this scan was not needed.
            }
            if (base == null) {
                return false;
            }
            // Events reported meanwhile stay on top of it; a rescan may have been waiting for it.
            recovery.baseline(base);
            if (recovery.scanDue()) {
                wakeup();
            }
            return true;
        }
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
                    rescans.startDue();
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
                rescans.shutdown();
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
        } else if (request instanceof Fail fail) {
            fail.key().invalidated(fail.reason());
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
            if (request.listing() != null) {
                request.listing().abandon("registered before: its watches are in place, nothing is walked");
            }
            existing.watch().respecify(spec);
            existing.respecify(registration);
            rescans.track(existing);
            return existing;
        }
        NativeWatchKey key = new NativeWatchKey(service, request.watchable(), request.directory(), registration,
                service.maxEventsPerKey());
        DirectoryWatch watch;
        if (request.listing() == null) {
            watch = engine.watch(request.directory(), spec, key.gate());
        } else {
            watch = engine.watch(request.directory(), spec, key.gate(), request.listing());
            request.listing().finish();
        }
        key.attach(watch, identity);
        keysByIdentity.put(identity, key);
        rescans.track(key);
        return key;
    }

    private void release(NativeWatchKey key) {
        rescans.forget(key);
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
        // A Fail that comes too late needs no answer: its key is released with the others.
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

    private sealed interface Request permits Register, Cancel, Fail, Shutdown {
    }

    /** @param listing where the walk that adds the watches hands over what it lists, or null */
    private record Register(Path directory, Watchable watchable, Registration registration, ListedBase listing,
                            CompletableFuture<NativeWatchKey> result) implements Request {
    }

    private record Cancel(NativeWatchKey key, CompletableFuture<Void> result) implements Request {
    }

    private record Shutdown(CompletableFuture<Void> result) implements Request {
    }

    /** A rescan failed: the key can no longer recover, and is invalidated where its watch can be released. */
    private record Fail(NativeWatchKey key, String reason) implements Request {
    }
}
