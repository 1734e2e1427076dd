package dev.nativewatch.core;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryIdentity;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchEngine;
import dev.nativewatch.backend.WatchSpec;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A backend whose changes are scripted by the test: {@link #report} runs code against a watch's sink on the
 * poller thread, as a real engine would, and returns once it has run. Nothing happens on its own, so tests are
 * deterministic.
 */
final class FakeBackend implements Backend {

    final List<FakeWatch> watches = new ArrayList<>();
    /** What the poller asked of the engine and its watches, in order: "cancel NAME", "closing", "close". */
    final List<String> lifecycle = Collections.synchronizedList(new ArrayList<>());
    volatile FakeEngine engine;
    volatile Throwable failure;
    volatile Error closeFailure;

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Optional.empty();
    }

    @Override
    public boolean supports(FileSystem fileSystem) {
        return true;
    }

    @Override
    public WatchEngine newEngine(FileSystem fileSystem) {
        engine = new FakeEngine();
        return engine;
    }

    /** Runs {@code action} on the poller thread against the sink of the newest watch of {@code dir}. */
    void report(Path dir, Consumer<ChangeSink> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.tasks.add(() -> {
            try {
                FakeWatch watch = newestWatch(dir);
                action.accept(watch.sink);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError("scripted change did not run on the poller", e);
        }
    }

    /** Makes the engine's next wait fail, as a broken kernel facility would. */
    void failNextWait(Throwable error) {
        failure = error;
        engine.tasks.add(() -> { });
    }

    synchronized FakeWatch newestWatch(Path dir) {
        for (int i = watches.size() - 1; i >= 0; i--) {
            if (watches.get(i).dir.equals(dir)) {
                return watches.get(i);
            }
        }
        throw new AssertionError("no watch on " + dir);
    }

    synchronized int activeWatches() {
        return (int) watches.stream().filter(w -> !w.cancelled).count();
    }

    final class FakeEngine implements WatchEngine {
        final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        volatile boolean closed;
        volatile Thread pollerThread;

        @Override
        public Object identify(Path dir) throws IOException {
            return DirectoryIdentity.of(dir);
        }

        @Override
        public DirectoryWatch watch(Path dir, WatchSpec spec, ChangeSink sink) {
            FakeWatch watch = new FakeWatch(dir, spec, sink, lifecycle);
            synchronized (FakeBackend.this) {
                watches.add(watch);
            }
            return watch;
        }

        @Override
        public void awaitChanges(long timeoutNanos) throws IOException {
            pollerThread = Thread.currentThread();
            try {
                Runnable task = tasks.take();
                Throwable error = failure;
                if (error != null) {
                    failure = null;
                    if (error instanceof Error e) {
                        throw e;
                    }
                    throw (RuntimeException) error;
                }
                task.run();
                Runnable more;
                while ((more = tasks.poll()) != null) {
                    more.run();
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        @Override
        public void wakeup() {
            tasks.add(() -> { });
        }

        @Override
        public void closing() {
            lifecycle.add("closing");
        }

        @Override
        public void close() {
            lifecycle.add("close");
            if (closeFailure != null) {
                throw closeFailure;
            }
            closed = true;
        }
    }

    static final class FakeWatch implements DirectoryWatch {
        final Path dir;
        final ChangeSink sink;
        private final List<String> lifecycle;
        volatile WatchSpec spec;
        volatile boolean cancelled;

        FakeWatch(Path dir, WatchSpec spec, ChangeSink sink, List<String> lifecycle) {
            this.dir = dir;
            this.spec = spec;
            this.sink = sink;
            this.lifecycle = lifecycle;
        }

        @Override
        public void respecify(WatchSpec replacement) {
            spec = replacement;
        }

        @Override
        public void cancel() {
            lifecycle.add("cancel " + dir.getFileName());
            cancelled = true;
        }
    }
}
