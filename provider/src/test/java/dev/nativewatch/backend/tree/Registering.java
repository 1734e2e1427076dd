package dev.nativewatch.backend.tree;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A subtree registration on a thread of its own, to keep the service's poller busy while the test changes the
 * disk. {@link #start} returns once the registering thread is blocked waiting for the poller (or is done).
 */
final class Registering {

    private final Thread thread;
    private final AtomicReference<Object> result = new AtomicReference<>();

    private Registering(Watching watching, Path tree) {
        thread = new Thread(() -> {
            try {
                result.set(watching.registerTree(tree));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "tree-test-registering");
    }

    static Registering start(Watching watching, Path tree) {
        Registering registering = new Registering(watching, tree);
        registering.thread.start();
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (registering.thread.getState() == Thread.State.RUNNABLE
                || registering.thread.getState() == Thread.State.NEW) {
            if (System.nanoTime() > end) {
                break;
            }
            Thread.onSpinWait();
        }
        return registering;
    }

    WatchKey join() throws InterruptedException {
        thread.join(Duration.ofSeconds(120).toMillis());
        Object outcome = result.get();
        if (outcome instanceof Throwable t) {
            throw new AssertionError("registering the large tree failed", t);
        }
        if (outcome == null) {
            throw new AssertionError("registering the large tree did not return within 120 s");
        }
        return (WatchKey) outcome;
    }

    /** Makes {@code count} directories under {@code root}: {@code top-i/mid-j/leaf-k}, as wide as asked. */
    static void makeTree(Path root, int tops, int mids, int leaves) throws java.io.IOException {
        for (int i = 0; i < tops; i++) {
            for (int j = 0; j < mids; j++) {
                for (int k = 0; k < leaves; k++) {
                    Files.createDirectories(root.resolve("top-" + i + "/mid-" + j + "/leaf-" + k));
                }
            }
        }
    }
}
