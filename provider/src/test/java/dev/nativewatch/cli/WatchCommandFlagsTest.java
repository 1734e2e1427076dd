package dev.nativewatch.cli;

import dev.nativewatch.backend.WatchLimitException;
import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.testing.TemporaryProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command's options beyond the basics, on real directories, with the polling core behind the seam. */
class WatchCommandFlagsTest {

    @TempDir
    Path temp;

    private final PollingWatcherFactory factory = new PollingWatcherFactory();
    private final Capture out = new Capture();
    private final Capture err = new Capture();
    private WatchCommand command = new WatchCommand(factory, out.stream, err.stream, Clock.systemDefaultZone());
    private Path dir;
    private String typed;
    private CompletableFuture<Integer> exit;

    private static TemporaryProperty interval;

    @BeforeAll
    static void pollQuickly() {
        interval = TemporaryProperty.set(PollingBackend.INTERVAL_PROPERTY, "100");
    }

    @AfterAll
    static void restoreInterval() {
        interval.close();
    }

    @BeforeEach
    void createWatchedDirectory() throws IOException {
        dir = Files.createDirectory(temp.resolve("w"));
        typed = dir.toString();
    }

    @AfterEach
    void stopCommand() throws Exception {
        if (exit != null) {
            command.stop();
            exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Runs the command on a thread of its own; returns once it watches (its start line), or its service exists. */
    private void start(String... args) {
        exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(command.run(args));
            } catch (Throwable t) {
                exit.completeExceptionally(t);
            }
        }, "nativewatch-cli-test");
        thread.setDaemon(true);
        thread.start();
        boolean quiet = List.of(args).contains("-q");
        Await.until("the start", () -> (quiet ? !factory.services.isEmpty() : !err.lines().isEmpty())
                || exit.isDone(), this::state);
    }

    private int exitCode() throws Exception {
        return exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    private void awaitOut(String text) {
        Await.until("output containing " + text, () -> out.text().contains(text), this::state);
    }

    private String state() {
        return "stdout:\n" + out.text() + "stderr:\n" + err.text();
    }

    private String path(String... names) {
        return typed + File.separator + String.join(File.separator, names);
    }

    @Test
    void excludeLeavesMatchingPathsAndWholeSubtreesOut() throws Exception {
        Files.createDirectories(dir.resolve("a/node_modules/x"));
        Path globs = Files.writeString(temp.resolve("globs"), "# build output\n\n*.log\n");
        start("-r", "--exclude", "**/node_modules", "--exclude-from", globs.toString(), typed);
        Files.createFile(dir.resolve("a/node_modules/x/f"));
        Files.createFile(dir.resolve("top.log"));
        Files.createFile(dir.resolve("a/kept"));
        awaitOut(path("a", "kept"));
        Files.createFile(dir.resolve("sentinel"));
        awaitOut(path("sentinel"));
        assertTrue(!out.text().contains("node_modules") && !out.text().contains(".log"), state());
        assertTrue(err.text().contains("excluding 2 globs"), state());
    }

    @Test
    void includeReportsOnlyMatchingPaths() throws Exception {
        start("-r", "--include", "**.txt", "--include", "*.md", typed);
        Files.createDirectories(dir.resolve("a"));
        Files.createFile(dir.resolve("a/skipped.bin"));
        Files.createFile(dir.resolve("a/kept.txt"));
        Files.createFile(dir.resolve("readme.md"));
        awaitOut(path("a", "kept.txt"));
        awaitOut(path("readme.md"));
        assertTrue(!out.text().contains("skipped") && !out.text().contains(path("a") + " "), state());
    }

    @Test
    void quietPrintsNoStartLine() throws Exception {
        start("-q", "-1", typed);
        // No start line tells when the directory is registered: files are created until one is reported.
        int code = -1;
        for (int i = 0; code < 0; i++) {
            assertTrue(i < Await.DEADLINE.toSeconds(), "no event reported; " + state());
            Files.createFile(dir.resolve("f" + i));
            try {
                code = exit.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                // Created before the registration, perhaps: another file.
            }
        }
        assertEquals(ExitCode.OK, code);
        assertEquals("", err.text());
    }

    @Test
    void maxEventsExitsWithZeroAfterThatManyEvents() throws Exception {
        start("--max-events", "2", typed);
        Files.createFile(dir.resolve("f1"));
        Files.createFile(dir.resolve("f2"));
        Files.createFile(dir.resolve("f3"));
        assertEquals(ExitCode.OK, exitCode());
        assertEquals(2, out.lines().size(), state());
    }

    @Test
    void oneExitsAfterTheFirstEvent() throws Exception {
        start("-1", typed);
        Files.createFile(dir.resolve("f1"));
        Files.createFile(dir.resolve("f2"));
        assertEquals(ExitCode.OK, exitCode());
        assertEquals(1, out.lines().size(), state());
    }

    @Test
    void timeoutWithoutEventsExitsWithOne() throws Exception {
        start("-t", "1", typed);
        assertEquals(ExitCode.FAILURE, exitCode());
        assertEquals("", out.text());
    }

    @Test
    void timeoutAfterEventsExitsWithZero() throws Exception {
        start("--timeout=5", typed);
        Files.createFile(dir.resolve("f"));
        assertEquals(ExitCode.OK, exitCode());
        assertTrue(out.text().contains(path("f")), state());
    }

    @Test
    void versionIsPrintedOnStandardOutput() {
        assertEquals(ExitCode.OK, command.run("--version"));
        assertTrue(Pattern.compile("nativewatch \\S+").matcher(out.lines().get(0)).matches(), out.text());
        assertEquals("", err.text());
    }

    @Test
    void backendIsAskedOfTheFactory() throws Exception {
        start("--backend", "polling", typed);
        assertEquals(List.of("polling"), factory.backendsAsked);
        assertEquals(ExitCode.USAGE, new WatchCommand(factory, out.stream, err.stream, Clock.systemDefaultZone())
                .run("--backend", "carrier-pigeon", typed));
        assertTrue(err.text().contains("unknown backend 'carrier-pigeon'"), state());
    }

    @Test
    void nullEndsEachLineWithNul() throws Exception {
        start("-0", "--max-events", "2", "--format", "%f", typed);
        Files.createFile(dir.resolve("a"));
        Files.createFile(dir.resolve("b"));
        assertEquals(ExitCode.OK, exitCode());
        assertTrue(out.text().equals("a\0b\0") || out.text().equals("b\0a\0"), out.text());
    }

    @Test
    void formatPlaceholdersGiveTheLineAndWatchedDirectoryPlusFileIsTheFullPath() throws Exception {
        start("-r", "--format", "%e|%w%f|%c|%%|%T", "--timefmt", "HH", typed);
        Files.createDirectories(dir.resolve("sub"));
        Files.createFile(dir.resolve("sub/f"));
        awaitOut(path("sub", "f"));
        String line = out.lines().stream().filter(l -> l.contains(path("sub", "f"))).findFirst().orElseThrow();
        assertTrue(Pattern.compile("ENTRY_CREATE\\|" + Pattern.quote(path("sub", "f")) + "\\|1\\|%\\|\\d\\d")
                .matcher(line).matches(), line);
    }

    @Test
    void timefmtAppliesToTextLines() throws Exception {
        start("--timefmt", "'at' HH:mm", typed);
        Files.createFile(dir.resolve("f"));
        awaitOut(path("f"));
        assertTrue(Pattern.compile("at \\d\\d:\\d\\d ENTRY_CREATE .*").matcher(out.lines().get(0)).matches(),
                state());
    }

    @Test
    void aDirectoryWithANewlineGivesAOneLineError() {
        assertEquals(ExitCode.USAGE, command.run(typed + File.separator + "two\nlines"));
        assertEquals(1, err.lines().size(), err.text());
        assertTrue(err.text().contains("two\\nlines: no such directory"), err.text());
    }

    @Test
    void reachingTheWatchLimitHasItsOwnExitCodeAndMessage() {
        WatcherFactory limited = new WatcherFactory() {
            @Override
            public WatchService newWatchService() throws IOException {
                return factory.newWatchService();
            }

            @Override
            public WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                                     WatchEvent.Modifier... modifiers) throws IOException {
                throw new WatchLimitException("cannot watch " + directory + ": fs.inotify.max_user_watches = 8192 "
                        + "has been reached", null);
            }

            @Override
            public String backend() {
                return "inotify";
            }

            @Override
            public WatcherFactory withBackend(String name) {
                return this;
            }
        };
        command = new WatchCommand(limited, out.stream, err.stream, Clock.systemDefaultZone());
        assertEquals(ExitCode.WATCH_LIMIT, command.run("-r", typed));
        assertTrue(err.text().contains("max_user_watches"), err.text());
        assertEquals(1, err.lines().size(), err.text());
    }
}
