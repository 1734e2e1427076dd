package dev.nativewatch.backend.tree;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.fail;

/** What the small, deterministic tree scenarios share: a temporary directory and a watch service on it. */
abstract class TreeScenario {

    /** Generous: each condition is normally met within one kernel read or one scan. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path temp;
    Watching watching;

    @BeforeEach
    void onLinuxOnly() {
        WatchBackend.assumeLinux();
    }

    @AfterEach
    void closeService() throws Exception {
        if (watching != null) {
            watching.close();
        }
    }

    Watching watch(WatchBackend backend) throws IOException {
        watching = new Watching(backend);
        return watching;
    }

    /** Creates an empty file at a default-file-system path. */
    static Path touch(Path file) throws IOException {
        return Files.createFile(file);
    }

    /**
     * {@code mkdir -p top/levels...; mv top moved} through direct system calls, so that the watcher has as little
     * time as possible to attach the new directories before they move: the race the scenarios are about.
     */
    static void buildThenRename(Path top, String levels, Path moved) throws IOException {
        Path dir = top;
        RawFiles.mkdir(RawPaths.bytes(dir));
        for (String level : levels.split("/")) {
            dir = dir.resolve(level);
            RawFiles.mkdir(RawPaths.bytes(dir));
        }
        RawFiles.rename(RawPaths.bytes(top), RawPaths.bytes(moved));
    }

    /** Fails, listing every event seen, unless {@code file} is reported as created relative to {@code base}. */
    void assertCreated(Path base, Path file) throws Exception {
        if (!watching.awaitCreated(base, file, DEADLINE)) {
            fail(RawPaths.printable(RawPaths.bytes(file)) + " was not reported as created within " + DEADLINE
                    + " (relative to " + base + "); events: " + describe(watching.events()));
        }
    }

    /** Waits until {@code file} is reported relative to {@code base}, or {@code key} is invalid and signalled. */
    boolean awaitCreatedOrInvalid(Path base, Path file, WatchKey key) throws Exception {
        Object fileKey = Watching.keyOf(file);
        watching.await(seen -> watching.invalidated(key)
                || seen.stream().anyMatch(e -> Watching.reports(e, base, fileKey)), DEADLINE);
        return !watching.invalidated(key);
    }

    static String describe(List<Watching.Event> events) {
        return events.stream().map(Watching.Event::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** @return the events whose context's last name starts with {@code prefix} */
    List<Watching.Event> eventsNamed(String prefix) {
        return watching.events().stream()
                .filter(e -> e.context() != null && e.context().getFileName() != null
                        && e.context().getFileName().toString().startsWith(prefix))
                .toList();
    }
}
