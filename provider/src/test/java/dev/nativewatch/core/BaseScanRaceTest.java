package dev.nativewatch.core;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.ChangeSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * RESCAN_ON_OVERFLOW's base is scanned while the watches are added, so an overflow can come, and be retrieved by a
 * consumer taking keys from the service, before that scan is complete. Its recovery must wait for the base and
 * then tell the consumer what it missed: a consumer that lists the tree once register has returned and applies
 * every event it takes ends with exactly the tree, and a change made after register returned comes exactly once.
 * The scripted backend reports no event of its own, so every change here is one an overflow lost.
 */
class BaseScanRaceTest {

    private static final long DEADLINE_SECONDS = 60;
    private static final int DIRECTORIES = 40;
    private static final int FILES = 500;

    private FileSystem jimfs;
    private Path root;
    private FakeBackend backend;
    private NativeWatchService service;

    @BeforeEach
    void makeTree() throws IOException {
        jimfs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix").build());
        root = Files.createDirectories(jimfs.getPath("/tree"));
        for (int d = 0; d < DIRECTORIES; d++) {
            Path dir = Files.createDirectory(root.resolve("d" + d));
            for (int f = 0; f < FILES; f++) {
                Files.createFile(dir.resolve("f" + f));
            }
        }
        backend = new FakeBackend();
        service = new NativeWatchService(backend, jimfs, relative -> relative);
    }

    @AfterEach
    void close() throws IOException {
        service.close();
        jimfs.close();
    }

    @Test
    void anOverflowTakenBeforeTheBaseIsCompleteIsRecoveredOnceItIs() throws Exception {
        CompletableFuture<WatchKey> registration = CompletableFuture.supplyAsync(() -> {
            try {
                return service.register(root, root, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE},
                        ExtendedModifiers.SUBTREE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWatch();
        Files.createFile(root.resolve("d7/during"));
        Files.delete(root.resolve("d3/f7"));
        backend.report(root, ChangeSink::overflowed);
        WatchKey signalled = service.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(signalled, "the overflow signalled no key");
        assertEquals(List.of("OVERFLOW null"), CoreFixture.describe(signalled.pollEvents()));
        signalled.reset();

        WatchKey key = registration.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertSame(key, signalled);
        Set<Path> view = tree();
        // Whether the rescan has run by now or not, these are lost too, and must come exactly once.
        Files.createFile(root.resolve("d1/after"));
        Files.delete(root.resolve("d2/f2"));
        backend.report(root, ChangeSink::overflowed);

        List<String> reported = new ArrayList<>();
        Set<Path> actual = tree();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!view.equals(actual) && System.nanoTime() < deadline) {
            WatchKey next = service.poll(100, TimeUnit.MILLISECONDS);
            if (next != null) {
                apply(next.pollEvents(), view, reported);
                next.reset();
            }
        }
        assertEquals(actual, view, "what the consumer knows differs from the tree; reported: " + reported);
        assertEquals(1, reported.stream().filter("ENTRY_CREATE d1/after"::equals).count(), reported.toString());
        assertEquals(1, reported.stream().filter("ENTRY_DELETE d2/f2"::equals).count(), reported.toString());
    }

    private void awaitWatch() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() < deadline) {
            synchronized (backend) {
                if (!backend.watches.isEmpty()) {
                    return;
                }
            }
            Thread.sleep(1);
        }
        throw new AssertionError("the poller never added the watch");
    }

    private static void apply(List<WatchEvent<?>> events, Set<Path> view, List<String> reported) {
        for (WatchEvent<?> event : events) {
            if (event.kind() == OVERFLOW) {
                continue;
            }
            Path path = (Path) event.context();
            reported.add(event.kind().name() + " " + path);
            if (event.kind() == ENTRY_CREATE) {
                view.add(path);
            } else {
                view.remove(path);
            }
        }
    }

    /** The consumer's own listing: every path under the root, relative to it. */
    private Set<Path> tree() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(path -> !path.equals(root)).map(root::relativize)
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }
}
