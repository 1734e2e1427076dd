package dev.nativewatch.core;

import dev.nativewatch.backend.Privileged;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The rescans of a service's keys after overflows, one at a time on a thread of their own, so that the poller
 * keeps reading the kernel's queue and serving the other keys while a large tree is scanned. The poller decides
 * when a rescan is due; the thread is started for the first one and ends when the service closes. A rescan gives
 * up between two directories once its key is cancelled or the service closes.
 */
final class Rescans {

    private static final System.Logger LOG = System.getLogger(Rescans.class.getName());
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();
    private static final long JOIN_TIMEOUT_MILLIS = 10_000;

    /** Confined to the poller thread. */
    private final Set<NativeWatchKey> keys = new LinkedHashSet<>();
    private final ExecutorService executor;
    /** Invalidates a key on the poller thread, where its watch can be released. */
    private final BiConsumer<NativeWatchKey, String> fail;
    /** Gives a key the base its rescans compare with. */
    private final BiConsumer<NativeWatchKey, TreeSnapshot> baseReady;
    private volatile boolean stopped;
    /** The thread the executor made, joined on shutdown: the executor counts as terminated a moment before it ends. */
    private volatile Thread made;

    Rescans(String backendName, BiConsumer<NativeWatchKey, String> fail,
            BiConsumer<NativeWatchKey, TreeSnapshot> baseReady) {
        this.fail = fail;
        this.baseReady = baseReady;
        String name = "nativewatch-" + backendName + "-recovery-" + THREAD_NUMBER.incrementAndGet();
        // Made with the provider's permissions, as the poller thread is.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> Privileged.run(() -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    made = thread;
                    return thread;
                }));
    }

    // ---- on the poller thread

    /** Keeps track of a key's recovery, or stops if it has none (any more). */
    void track(NativeWatchKey key) {
        if (key.recovery() == null) {
            keys.remove(key);
        } else {
            keys.add(key);
        }
    }

    void forget(NativeWatchKey key) {
        keys.remove(key);
    }

    /** Hands every due rescan to the recovery thread. */
    void startDue() {
        for (NativeWatchKey key : new ArrayList<>(keys)) {
            Recovery recovery = key.recovery();
            boolean start;
            synchronized (key) {
                start = recovery != null && recovery.startScan();
            }
            if (start) {
                WatchSpec spec = key.registration().toSpec();
                try {
                    executor.execute(() -> rescan(key, recovery, spec));
                } catch (RejectedExecutionException closing) {
                    return; // The service is closing: its keys are being released.
                }
            }
        }
    }

    // ---- from the registering thread

    /**
     * Lays out a new key's base from the listing its registration made, on the recovery thread, and gives it to
     * the key; a rescan due before then waits for it.
     */
    void layOut(NativeWatchKey key, ListedBase listing) {
        try {
            executor.execute(() -> {
                try {
                    baseReady.accept(key, listing.layOut());
                } catch (RuntimeException | OutOfMemoryError e) {
                    LOG.log(System.Logger.Level.WARNING, "the base of " + key.watchable() + " was not laid out", e);
                    fail.accept(key, "no base to recover overflows from: " + e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // The service is closing: its keys are being released.
        }
    }

    // ---- on the recovery thread

    private void rescan(NativeWatchKey key, Recovery pass, WatchSpec spec) {
        ScanGate gate = key.gate();
        gate.startHolding();
        TreeSnapshot now;
        try {
            now = TreeSnapshot.take(key.directory(), spec, () -> stopped || !key.isValid());
        } catch (CancellationException gaveUp) {
            gate.discard();
            return;
        } catch (IOException | RuntimeException e) {
            gate.releaseAfter(() -> { });
            if (!(e instanceof IOException)) {
                LOG.log(System.Logger.Level.WARNING, "the rescan of " + key.watchable() + " failed", e);
            }
            fail.accept(key, "rescan after overflow failed: " + e);
            return;
        }
        gate.releaseAfter(() -> key.recover(pass, now, spec));
    }

    /** Stops the thread, after the rescan under way (if any) has given up; called once the keys are released. */
    void shutdown() {
        stopped = true;
        executor.shutdownNow();
        Thread worker = made;
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_TIMEOUT_MILLIS);
        while (worker != null && worker.isAlive() && System.nanoTime() < deadline) {
            try {
                worker.join(JOIN_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
