package dev.nativewatch.backend.linux;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A subtree registered with RESCAN_ON_OVERFLOW keeps, as the base its rescans compare with, what the walk that
 * added its watches listed. After the kernel's queue overflows, the recovery must report exactly what the overflow
 * lost: every file made, deleted or written meanwhile, and none of the files that were there before and were left
 * alone, which a base that misread them (a device number, a time) would report as created or modified.
 */
class ListedBaseRecoveryTest {

    private static final int DIRECTORIES = 12;

    @TempDir
    Path dir;
    private NativeWatchService service;

    @BeforeEach
    void start() {
        EngineHarness.assumeInotify();
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aRecoveryFromTheWalksListingReportsOnlyWhatTheOverflowLost() throws Exception {
        int queued = Integer.parseInt(InotifyEngineTest.sysctl("max_queued_events"));
        assumeTrue(queued <= 200_000, "fs.inotify.max_queued_events is too large to fill in a test: " + queued);
        List<Path> directories = new ArrayList<>();
        for (int d = 0; d < DIRECTORIES; d++) {
            Path nested = Files.createDirectories(dir.resolve("d" + d).resolve("sub"));
            directories.add(nested.getParent());
            directories.add(nested);
        }
        for (Path directory : directories) {
            for (String name : List.of("kept", "deleted", "written")) {
                Files.write(directory.resolve(name), new byte[10]);
            }
        }
        TestApi api = new TestApi();
        service = InotifyServiceTest.newService(new InotifyBackend(api));
        EventCollector collector = new EventCollector(service);
        service.register(dir, dir, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY},
                new WatchEvent.Modifier[] {ExtendedModifiers.SUBTREE, ExtendedModifiers.RESCAN_ON_OVERFLOW});

        Set<String> expected = new HashSet<>();
        api.holdReads();
        try {
            for (int i = 0; i < queued + 100; i++) {
                Files.createFile(dir.resolve("flood" + i));
                expected.add("ENTRY_CREATE flood" + i);
            }
            for (Path directory : directories) {
                String relative = dir.relativize(directory) + "/";
                Files.delete(directory.resolve("deleted"));
                expected.add("ENTRY_DELETE " + relative + "deleted");
                Files.write(directory.resolve("written"), new byte[5], StandardOpenOption.APPEND);
                expected.add("ENTRY_MODIFY " + relative + "written");
                Files.createFile(directory.resolve("made"));
                expected.add("ENTRY_CREATE " + relative + "made");
            }
        } finally {
            api.releaseReads();
        }
        collector.until(seen -> seen.contains("OVERFLOW null") && seen.containsAll(expected));
        // Whatever the recovery reports comes in the one batch that held what it found missing; a last file made
        // now arrives after it.
        Files.createFile(dir.resolve("last"));
        List<String> seen = collector.until("ENTRY_CREATE last");

        // The directories were there before too; their own times changed, so a modification of them may be told.
        List<String> aboutUntouched = seen.stream().filter(event -> event.endsWith("/kept")
                || event.matches("ENTRY_(CREATE|DELETE) d\\d+(/sub)?")).toList();
        assertEquals(List.of(), aboutUntouched, "the recovery reported entries that did not change");
    }
}
