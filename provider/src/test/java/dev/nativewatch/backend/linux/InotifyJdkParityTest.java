package dev.nativewatch.backend.linux;

import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The JDK's own Linux watch service and a nativewatch service watch the same directory while one script of
 * changes runs; for standard kinds both must report the same (kind, context) set. A last change, seen by both,
 * proves that everything before it has been delivered: each watcher gets its events in the kernel's order.
 */
class InotifyJdkParityTest {

    @TempDir
    Path dir;

    @BeforeEach
    void linuxOnly() {
        EngineHarness.assumeInotify();
    }

    static List<List<WatchEvent.Kind<?>>> kindSets() {
        return List.of(List.of(ENTRY_CREATE), List.of(ENTRY_DELETE), List.of(ENTRY_MODIFY),
                List.of(ENTRY_CREATE, ENTRY_DELETE), List.of(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
    }

    @ParameterizedTest
    @MethodSource("kindSets")
    void standardKindsGiveTheJdksEvents(List<WatchEvent.Kind<?>> kindList) throws Exception {
        WatchEvent.Kind<?>[] kinds = kindList.toArray(new WatchEvent.Kind<?>[0]);
        Path existing = Files.writeString(dir.resolve("existing"), "1");
        Path victim = Files.createFile(dir.resolve("victim"));
        Path replacing = Files.createFile(dir.resolve("replacing"));
        Path end = Files.createFile(dir.resolve("zz-end"));
        Files.createDirectories(dir.resolve("old-sub/deeper"));

        try (WatchService jdk = FileSystems.getDefault().newWatchService();
             NativeWatchService ours = InotifyServiceTest.newService(new InotifyBackend())) {
            dir.register(jdk, kinds);
            ours.register(dir, dir, kinds);

            Path a = Files.writeString(dir.resolve("a"), "1");
            Files.writeString(existing, "more", StandardOpenOption.APPEND);
            Path d = Files.createDirectory(dir.resolve("d"));
            Files.createFile(d.resolve("inner"));
            Path b = Files.move(a, dir.resolve("b"));
            Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rw-------"));
            Files.setLastModifiedTime(b, FileTime.fromMillis(1_000_000_000_000L));
            Files.createSymbolicLink(dir.resolve("link"), b);
            Files.createLink(dir.resolve("hard"), existing);
            Files.move(replacing, victim, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("old-sub/deeper/nested"), "x");
            Files.move(dir.resolve("old-sub"), dir.resolve("new-sub"));
            Files.createFile(dir.resolve("flash"));
            Files.delete(dir.resolve("flash"));
            Files.delete(b);
            Files.delete(d.resolve("inner"));
            Files.delete(d);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));

            String last;
            if (kindList.contains(ENTRY_CREATE)) {
                Files.delete(end);
                Files.createFile(end);
                last = "ENTRY_CREATE zz-end";
            } else if (kindList.contains(ENTRY_DELETE)) {
                Files.delete(end);
                last = "ENTRY_DELETE zz-end";
            } else {
                Files.writeString(end, "end");
                last = "ENTRY_MODIFY zz-end";
            }
            List<String> jdkEvents = new EventCollector(jdk).until(last);
            List<String> ourEvents = new EventCollector(ours).until(last);

            assertFalse(jdkEvents.contains("OVERFLOW null"), jdkEvents.toString());
            assertEquals(withoutEnd(jdkEvents), withoutEnd(ourEvents),
                    "kinds " + Arrays.toString(kinds) + "\n jdk:  " + jdkEvents + "\n ours: " + ourEvents);
        }
    }

    private static Set<String> withoutEnd(List<String> events) {
        return events.stream().filter(e -> !e.endsWith("zz-end")).collect(Collectors.toCollection(HashSet::new));
    }
}
