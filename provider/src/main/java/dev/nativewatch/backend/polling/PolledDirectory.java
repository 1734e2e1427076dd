package dev.nativewatch.backend.polling;

import dev.nativewatch.backend.ChangeSink;
import dev.nativewatch.backend.DirectoryIdentity;
import dev.nativewatch.backend.DirectoryWatch;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.core.AttributeReader;
import dev.nativewatch.core.TreeSnapshot;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/** One polled directory (or tree): the last snapshot, and when the next scan is due. */
final class PolledDirectory implements DirectoryWatch {

    private final Path directory;
    private final ChangeSink sink;
    private final Duration defaultInterval;
    private final Consumer<PolledDirectory> onCancel;
    private final Object identity;
    private WatchSpec spec;
    private AttributeReader reader;
    private TreeSnapshot snapshot;
    private long intervalNanos;
    private long dueAt;
    private boolean cancelled;

    PolledDirectory(Path directory, WatchSpec spec, ChangeSink sink, Duration defaultInterval,
                    Consumer<PolledDirectory> onCancel) throws IOException {
        this.directory = directory;
        this.sink = sink;
        this.defaultInterval = defaultInterval;
        this.onCancel = onCancel;
        this.identity = DirectoryIdentity.of(directory);
        apply(spec);
    }

    long nanosUntilDue(long now) {
        return dueAt - now;
    }

    /** Compares the directory with the last scan and reports the differences. */
    void scan() {
        if (cancelled) {
            return;
        }
        TreeSnapshot current;
        try {
            if (!identity.equals(DirectoryIdentity.of(directory))) {
                invalidate("the directory was replaced by another one");
                return;
            }
            current = TreeSnapshot.take(directory, spec.subtree(), reader, spec.exclusions()).keepingUnlistedFrom(snapshot);
        } catch (NoSuchFileException | NotDirectoryException e) {
            invalidate("the directory no longer exists");
            return;
        } catch (IOException e) {
            invalidate("the directory can no longer be read: " + e);
            return;
        }
        snapshot.reportChanges(current, spec, sink);
        snapshot = current;
        dueAt = System.nanoTime() + intervalNanos;
    }

    /**
     * Reports what changed under the old spec first, then starts afresh: a snapshot taken for other change
     * classes cannot be compared with the new ones.
     */
    @Override
    public void respecify(WatchSpec replacement) throws IOException {
        if (Objects.equals(replacement, spec)) {
            return;
        }
        scan();
        if (!cancelled) {
            apply(replacement);
        }
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            onCancel.accept(this);
        }
    }

    private void apply(WatchSpec replacement) throws IOException {
        spec = replacement;
        reader = new AttributeReader(directory.getFileSystem(), replacement.changes());
        snapshot = TreeSnapshot.take(directory, replacement.subtree(), reader, replacement.exclusions());
        intervalNanos = PollingEngine.toNanos(replacement.pollInterval().orElse(defaultInterval));
        dueAt = System.nanoTime() + intervalNanos;
    }

    private void invalidate(String reason) {
        cancel();
        sink.invalidated(reason);
    }
}
