package dev.nativewatch.backend.windows;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;
import dev.nativewatch.testing.EventCollector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * Scenarios for the production adapter ({@link JnaWin32Io}) on a Windows Java runtime; {@link WindowsJvmTest}
 * runs this class under Wine and checks its output, one line per scenario: {@code PASS name},
 * {@code FAIL name: why} or {@code SKIP name: why}. The changes are made by this JVM, through Wine, as a Windows
 * program would make them.
 *
 * <pre>{@code java.exe -Ddev.nativewatch.backend=windows -cp ... WindowsJvmScenarios DIR [SCENARIO...]}</pre>
 */
public final class WindowsJvmScenarios {

    /** Thrown by a scenario that cannot show anything on this runtime. */
    static final class Skip extends RuntimeException {
        Skip(String reason) {
            super(reason);
        }
    }

    @FunctionalInterface
    interface Scenario {
        void run(Path dir) throws Exception;
    }

    private static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("backendIsWindows", WindowsJvmScenarios::backendIsWindows);
        SCENARIOS.put("createModifyDelete", WindowsJvmScenarios::createModifyDelete);
        SCENARIOS.put("nestedCreatesInATree", WindowsJvmScenarios::nestedCreatesInATree);
        SCENARIOS.put("renames", WindowsJvmScenarios::renames);
        SCENARIOS.put("deletesInATree", WindowsJvmScenarios::deletesInATree);
        SCENARIOS.put("treeDeeperThanMaxPath", WindowsJvmScenarios::treeDeeperThanMaxPath);
        SCENARIOS.put("nonAsciiDirectory", WindowsJvmScenarios::nonAsciiDirectory);
        SCENARIOS.put("wakeupAfterCloseDoesNotPost", WindowsJvmScenarios::wakeupAfterCloseDoesNotPost);
    }

    private WindowsJvmScenarios() {
    }

    public static void main(String[] args) throws IOException {
        Path base = Path.of(args[0]);
        List<String> names = args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(SCENARIOS.keySet());
        int failed = 0;
        for (String name : names) {
            Scenario scenario = SCENARIOS.get(name);
            Path dir = Files.createDirectories(base.resolve(name));
            try {
                if (scenario == null) {
                    throw new IllegalArgumentException("no such scenario");
                }
                scenario.run(dir);
                System.out.println("PASS " + name);
            } catch (Skip e) {
                System.out.println("SKIP " + name + ": " + e.getMessage());
            } catch (Throwable t) {
                failed++;
                System.out.println("FAIL " + name + ": " + String.valueOf(t).replace('\n', ' '));
            }
            System.out.flush();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    // ---- scenarios

    static void backendIsWindows(Path dir) throws IOException {
        String name = NativeWatch.backend().name();
        check("windows".equals(name), "the backend in use is " + name + ": " + NativeWatch.backend());
    }

    static void createModifyDelete(Path dir) throws Exception {
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(dir).register(service, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
            EventCollector events = new EventCollector(service);
            Path file = Files.writeString(dir.resolve("foo"), "1");
            events.until("ENTRY_CREATE foo");
            Files.writeString(file, "12345");
            events.until("ENTRY_MODIFY foo");
            Files.delete(file);
            events.until("ENTRY_DELETE foo");
        }
    }

    /** Each new directory is awaited before use: Wine watches a new subdirectory only once it has seen it. */
    static void nestedCreatesInATree(Path dir) throws Exception {
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(dir).register(service, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
            EventCollector events = new EventCollector(service);
            Path current = dir;
            for (String name : List.of("a", "b", "c")) {
                current = Files.createDirectory(current.resolve(name));
                events.until("ENTRY_CREATE " + dir.relativize(current));
            }
            Files.createFile(current.resolve("foo"));
            events.until("ENTRY_CREATE " + Path.of("a", "b", "c", "foo"));
        }
    }

    static void renames(Path dir) throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(dir).register(service, kinds(ENTRY_CREATE, ENTRY_DELETE));
            NativeWatch.path(sub).register(service,
                    kinds(ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO));
            EventCollector events = new EventCollector(service);
            Files.createFile(dir.resolve("a"));
            events.until("ENTRY_CREATE a");
            Files.move(dir.resolve("a"), dir.resolve("b"));
            events.until(seen -> seen.contains("ENTRY_DELETE a") && seen.contains("ENTRY_CREATE b"));
            check(seen(events, "ENTRY_DELETE a") < seen(events, "ENTRY_CREATE b"), "delete after create: " + events.events());
            Files.createFile(sub.resolve("x"));
            Files.move(sub.resolve("x"), sub.resolve("y"));
            events.until(seen -> seen.contains("ENTRY_RENAME_TO y"));
            int to = seen(events, "ENTRY_RENAME_TO y");
            check(to > 0 && events.events().get(to - 1).equals("ENTRY_RENAME_FROM x"),
                    "RENAME_FROM x right before RENAME_TO y: " + events.events());
        }
    }

    /** The subdirectory is made after the watch: Wine does not watch subdirectories that existed before it. */
    static void deletesInATree(Path dir) throws Exception {
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(dir).register(service, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
            EventCollector events = new EventCollector(service);
            Path tree = Files.createDirectory(dir.resolve("t"));
            events.until("ENTRY_CREATE t");
            Path file = Files.createFile(tree.resolve("f"));
            events.until("ENTRY_CREATE " + Path.of("t", "f"));
            Files.delete(file);
            events.until("ENTRY_DELETE " + Path.of("t", "f"));
            Files.delete(tree);
            events.until("ENTRY_DELETE t");
        }
    }

    /** A watched root longer than MAX_PATH, and a change under it: only the \\?\ form opens such paths. */
    static void treeDeeperThanMaxPath(Path dir) throws Exception {
        Path root = dir;
        String segment = "d".repeat(60);
        while (root.toString().length() <= 270) {
            root = root.resolve(segment);
        }
        Files.createDirectories(root);
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(root).register(service, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedModifiers.SUBTREE);
            EventCollector events = new EventCollector(service);
            Path sub = Files.createDirectory(root.resolve(segment));
            events.until("ENTRY_CREATE " + segment);
            Files.createFile(sub.resolve("f"));
            events.until("ENTRY_CREATE " + Path.of(segment, "f"));
            check(sub.resolve("f").toString().length() > 330, "the tree is deeper than MAX_PATH: " + sub);
        }
    }

    /** CreateFileA would see this name through the ANSI code page, which has no such characters. */
    static void nonAsciiDirectory(Path dir) throws Exception {
        Path root = Files.createDirectory(dir.resolve("\u65e5\u672c-\u0394-\u00e9"));
        try (WatchService service = NativeWatch.newWatchService()) {
            NativeWatch.path(root).register(service, kinds(ENTRY_CREATE));
            EventCollector events = new EventCollector(service);
            Files.createFile(root.resolve("\u00fc"));
            events.until("ENTRY_CREATE \u00fc");
        }
    }

    /**
     * A closed adapter's wakeup must not post to its old port's handle value, which the next port may get: the
     * second adapter would then dequeue a packet nobody sent it.
     */
    static void wakeupAfterCloseDoesNotPost(Path dir) throws IOException {
        JnaWin32Io first = new JnaWin32Io();
        long value = first.portValue();
        first.close();
        JnaWin32Io second = new JnaWin32Io();
        try {
            if (second.portValue() != value) {
                throw new Skip("the next port did not reuse the closed port's handle value, so a stray post shows nowhere");
            }
            first.wakeup();
            Win32Io.Completion stray = second.dequeue(500);
            check(stray == null, "a wakeup after close reached the port that reused its handle: " + stray);
            second.wakeup();
            check(second.dequeue(10_000) != null, "an open port's own wakeup arrives");
        } finally {
            second.close();
        }
    }

    // ---- helpers

    private static WatchEvent.Kind<?>[] kinds(WatchEvent.Kind<?>... kinds) {
        return kinds;
    }

    private static int seen(EventCollector events, String described) {
        return events.events().indexOf(described);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
