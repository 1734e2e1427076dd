package dev.nativewatch.backend.polling;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryIdentity;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The polling engine of one service: it scans each watched directory when its interval has passed. */
final class PollingEngine implements WatchEngine {

    private final Duration defaultInterval;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private boolean wakeupPending;

    // Confined to the poller thread.
    private final List<PolledDirectory> watches = new ArrayList<>();

    PollingEngine(Duration defaultInterval) {
        this.defaultInterval = defaultInterval;
    }

    @Override
    public Object identify(Path dir) throws IOException {
        return DirectoryIdentity.of(dir);
    }

    @Override
    public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) throws IOException {
        PolledDirectory watch = new PolledDirectory(dir, spec, sink, defaultInterval, watches::remove);
        watches.add(watch);
        return watch;
    }

    @Override
    public void awaitChanges(long timeoutNanos) {
        long now = System.nanoTime();
        long wait = timeoutNanos;
        for (PolledDirectory watch : watches) {
            wait = Math.min(wait, Math.max(0, watch.nanosUntilDue(now)));
        }
        lock.lock();
        try {
            while (!wakeupPending && wait > 0) {
                wait = woken.awaitNanos(wait);
            }
            wakeupPending = false;
        } catch (InterruptedException e) {
            // Nobody but this service interrupts its poller; treat it as a wakeup.
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        Thread.interrupted();
        scanDue();
    }

    private void scanDue() {
        long now = System.nanoTime();
        for (PolledDirectory watch : new ArrayList<>(watches)) {
            if (watch.nanosUntilDue(now) <= 0) {
                watch.scan();
            }
        }
    }

    @Override
    public void wakeup() {
        lock.lock();
        try {
            wakeupPending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        for (PolledDirectory watch : new ArrayList<>(watches)) {
            watch.cancel();
        }
    }

    static long toNanos(Duration duration) {
        return TimeUnit.NANOSECONDS.convert(duration);
    }
}
