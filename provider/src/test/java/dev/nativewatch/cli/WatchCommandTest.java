package dev.nativewatch.cli;

import dev.nativewatch.testing.TemporaryProperty;
import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.core.NativeWatchService;
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
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command from arguments to exit status, on real directories, with the polling core behind the seam. */
class WatchCommandTest {

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

    @TempDir
    Path temp;

    private final PollingWatcherFactory factory = new PollingWatcherFactory();
    private final Capture out = new Capture();
    private final Capture err = new Capture();
    private final WatchCommand command = new WatchCommand(factory, out.stream, err.stream, Clock.systemDefaultZone());
    private Path dir;
    /** The watched directory as a user in the build's working directory would type it: a relative path. */
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
        Path workingDirectory = Path.of("").toAbsolutePath();
        // On Windows the temporary directory may be on another drive, which no relative path reaches.
        typed = workingDirectory.getRoot().equals(dir.getRoot())
                ? workingDirectory.relativize(dir).toString() : dir.toString();
    }

    @AfterEach
    void stopCommand() throws Exception {
        if (exit != null) {
            command.stop();
            exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void recursiveWatchPrintsNestedCreationUnderTheDirectoryAsTyped() throws Exception {
        start("-r", typed);

        Files.createDirectory(dir.resolve("a"));
        Files.writeString(dir.resolve("a").resolve("b.txt"), "x");

        Pattern line = Pattern.compile(TIME + " ENTRY_CREATE "
                + Pattern.quote(typed + File.separator + "a" + File.separator + "b.txt") + " count=1");
        awaitOutLine(line);
    }

    @Test
    void startLineOnStandardErrorNamesBackendDirectoryAndKinds() throws Exception {
        start("-r", "--kinds=create,rename", typed);

        assertEquals("nativewatch: watching " + typed + " with subtrees for ENTRY_CREATE, ENTRY_RENAME_FROM, "
                + "ENTRY_RENAME_TO; backend polling", err.lines().get(0));
        assertEquals("", out.text());
    }

    @Test
    void jsonWithOnlyTheKindsAsked() throws Exception {
        Files.writeString(dir.resolve("old.txt"), "x");
        start("--json", "--kinds", "delete", typed);

        Files.writeString(dir.resolve("new.txt"), "x");
        Files.delete(dir.resolve("old.txt"));

        String path = typed + File.separator + "old.txt";
        Pattern line = Pattern.compile("\\{\"time\":\"" + TIME + "\",\"kind\":\"ENTRY_DELETE\",\"dir\":\""
                + Pattern.quote(json(typed)) + "\",\"path\":\"" + Pattern.quote(json(path)) + "\",\"count\":1}");
        awaitOutLine(line);
        command.stop();
        assertEquals(ExitCode.OK, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1, out.lines().size(), out.text());
    }

    @Test
    void deletingTheOnlyWatchedDirectoryPrintsInvalidAndExitsWithOne() throws Exception {
        start(typed);

        Files.delete(dir);

        assertEquals(ExitCode.FAILURE, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertTrue(Pattern.compile(TIME + " INVALID \\(" + Pattern.quote(typed) + " is no longer watched\\)")
                .matcher(lastLine(out)).matches(), out.text());
        assertEquals("nativewatch: no directory is watched any more", lastLine(err));
    }

    @Test
    void stopClosesTheServiceAndExitsWithZero() throws Exception {
        start(typed);

        command.stop();

        assertEquals(ExitCode.OK, exit.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        NativeWatchService service = factory.services.get(0);
        assertFalse(service.isOpen());
        assertEquals(1, err.lines().size(), err.text());
    }

    @Test
    void missingDirectoryIsAOneLineErrorWithTwo() {
        String missing = typed + File.separator + "missing";

        assertEquals(ExitCode.USAGE, command.run("-r", missing));

        assertEquals("nativewatch: " + missing + ": no such directory" + System.lineSeparator(), err.text());
        assertEquals("", out.text());
        assertTrue(factory.services.isEmpty(), "no service should have been started");
    }

    @Test
    void fileInsteadOfDirectoryIsAOneLineErrorWithTwo() throws IOException {
        Files.writeString(dir.resolve("f.txt"), "x");
        String file = typed + File.separator + "f.txt";

        assertEquals(ExitCode.USAGE, command.run(typed, file));

        assertEquals("nativewatch: " + file + ": not a directory" + System.lineSeparator(), err.text());
        assertTrue(factory.services.isEmpty(), "no service should have been started");
    }

    @Test
    void badArgumentIsAOneLineErrorWithTwo() {
        assertEquals(ExitCode.USAGE, command.run("--bogus", typed));

        assertEquals("nativewatch: unknown option '--bogus' (try --help)" + System.lineSeparator(), err.text());
        assertEquals("", out.text());
    }

    @Test
    void helpGoesToStandardOutputWithZero() {
        assertEquals(ExitCode.OK, command.run("--help"));

        assertEquals(Options.USAGE + System.lineSeparator(), out.text());
        assertEquals("", err.text());
    }

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
        Await.until("the start line", () -> !err.lines().isEmpty() || exit.isDone(), this::state);
        assertFalse(exit.isDone(), state());
    }

    private void awaitOutLine(Pattern line) {
        Await.until("a line matching " + line, () -> out.lines().stream().anyMatch(l -> line.matcher(l).matches()),
                this::state);
    }

    /** @return a path as a JSON string shows it: Windows' backslashes escaped */
    private static String json(String path) {
        return path.replace("\\", "\\\\");
    }

    private static String lastLine(Capture capture) {
        List<String> lines = capture.lines();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    private String state() {
        return "stdout:\n" + out.text() + "stderr:\n" + err.text();
    }
}
