package dev.nativewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of the options beyond the basics. */
class OptionsFlagsTest {

    @TempDir
    Path temp;

    private static String message(String... args) {
        return assertThrows(UsageException.class, () -> Options.parse(args)).getMessage();
    }

    @Test
    void defaultsLeaveEverythingOff() throws UsageException {
        Options options = Options.parse("src");
        assertEquals(List.of(), options.excludes());
        assertEquals(List.of(), options.includes());
        assertFalse(options.quiet() || options.nul() || options.version());
        assertEquals(0, options.maxEvents());
        assertEquals(Optional.empty(), options.timeout());
        assertEquals(Optional.empty(), options.backend());
        assertEquals(Optional.empty(), options.format());
        assertEquals(Optional.empty(), options.timeFormat());
    }

    @Test
    void excludesFromOptionsAndFileKeepTheirOrder() throws Exception {
        Path file = Files.writeString(temp.resolve("ignore"), "# comment\n**/target\n\n  # indented comment\n*.o\r\n");
        Options options = Options.parse("--exclude", "a", "--exclude-from", file.toString(), "--exclude=b", "src");
        assertEquals(List.of("a", "**/target", "*.o", "b"), options.excludes());
    }

    @Test
    void badGlobsAndUnreadableExcludeFilesAreUsageErrors() {
        assertTrue(message("--exclude", "a[", "src").startsWith("--exclude a[: not a valid glob"));
        assertTrue(message("--include", "{a", "src").startsWith("--include {a: not a valid glob"));
        assertTrue(message("--exclude", "", "src").contains("needs a glob"));
        assertTrue(message("--exclude-from", temp.resolve("missing").toString(), "src").contains("cannot read"));
        assertTrue(message("--exclude").contains("needs a value"));
    }

    @Test
    void includesAreRepeatable() throws UsageException {
        assertEquals(List.of("*.c", "*.h"), Options.parse("--include", "*.c", "--include=*.h", "src").includes());
    }

    @Test
    void limitsAndTimeout() throws UsageException {
        assertEquals(1, Options.parse("-1", "src").maxEvents());
        assertEquals(7, Options.parse("--max-events", "7", "src").maxEvents());
        assertEquals(Optional.of(Duration.ofSeconds(3)), Options.parse("-t", "3", "src").timeout());
        assertEquals(Optional.of(Duration.ofSeconds(4)), Options.parse("--timeout=4", "src").timeout());
        assertTrue(message("--max-events", "0", "src").contains("positive whole number"));
        assertTrue(message("-t", "soon", "src").contains("positive whole number, not 'soon'"));
    }

    @Test
    void shortFlags() throws UsageException {
        Options options = Options.parse("-q", "-0", "-r", "src");
        assertTrue(options.quiet() && options.nul() && options.recursive());
        assertTrue(Options.parse("--quiet", "--null", "--recursive", "src").quiet());
    }

    @Test
    void backendIsOneOfTheKnownNames() throws UsageException {
        assertEquals(Optional.of("polling"), Options.parse("--backend", "Polling", "src").backend());
        assertTrue(message("--backend", "nfs", "src").contains("known backends: inotify, windows, polling"));
    }

    @Test
    void formatAndTimefmtAreCheckedUpFront() throws UsageException {
        assertEquals(Optional.of("%w%f %e"), Options.parse("--format", "%w%f %e", "src").format());
        assertTrue(message("--format", "%x", "src").contains("'%x' is no placeholder"));
        assertTrue(message("--format", "50%", "src").contains("'%' is no placeholder"));
        assertTrue(message("--timefmt", "bbb{", "src").startsWith("--timefmt 'bbb{'"));
        assertTrue(message("--json", "--format", "%f", "src").contains("cannot be used together"));
    }

    @Test
    void aFlagGivenAValueIsAnError() {
        assertEquals("option --json takes no value (try --help)", message("--json=yes", "src"));
        assertEquals("option --quiet takes no value (try --help)", message("--quiet=1", "src"));
    }

    @Test
    void versionNeedsNoDirectory() throws UsageException {
        assertTrue(Options.parse("--version").version());
    }

    @Test
    void anUnknownOptionWithAControlCharacterStaysOnOneLine() {
        assertEquals("unknown option '--a\\nb' (try --help)", message("--a\nb", "src"));
    }

    @Test
    void helpHasOneLineForEveryOptionTheParserKnows() {
        for (String option : List.of("-r, --recursive", "--kinds", "--exclude ", "--exclude-from", "--include",
                "--json", "--format", "--timefmt", "-0, --null", "-1 ", "--max-events", "-t, --timeout",
                "-q, --quiet", "--backend", "--version", "-h, --help", "%w%f", "Exit status")) {
            assertTrue(Options.USAGE.contains(option), option + " missing from:\n" + Options.USAGE);
        }
        assertTrue(Options.USAGE.contains("status 0 if any event came, 1 if none"));
    }
}
