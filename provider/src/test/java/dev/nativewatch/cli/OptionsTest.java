package dev.nativewatch.cli;

import dev.nativewatch.ExtendedKinds;
import org.junit.jupiter.api.Test;

import java.nio.file.WatchEvent;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    private static final String KNOWN =
            "known kinds: create, delete, modify, rename, attributes, size, write, access, creation, security";

    @Test
    void defaultsAreNonRecursiveTextWithCreateDeleteModify() throws UsageException {
        Options options = Options.parse("src");

        assertFalse(options.recursive());
        assertFalse(options.json());
        assertFalse(options.help());
        assertEquals(List.of(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), options.kinds());
        assertEquals(List.of("src"), options.directories());
    }

    @Test
    void flagsAndSeveralDirectoriesInAnyOrder() throws UsageException {
        Options options = Options.parse("src/", "-r", "lib", "--json");

        assertTrue(options.recursive());
        assertTrue(options.json());
        assertEquals(List.of("src/", "lib"), options.directories());
    }

    @Test
    void kindsAsSeparateArgument() throws UsageException {
        assertEquals(List.of(ENTRY_DELETE), Options.parse("--kinds", "delete", "src").kinds());
    }

    @Test
    void kindsWithEqualsSign() throws UsageException {
        assertEquals(List.of(ENTRY_MODIFY, ENTRY_CREATE), Options.parse("--kinds=modify,create", "src").kinds());
    }

    @Test
    void everyKindNameMapsToItsKindsInTheOrderGiven() throws UsageException {
        Options options = Options.parse(
                "--kinds=create,delete,modify,rename,attributes,size,write,access,creation,security", "src");

        List<WatchEvent.Kind<?>> expected = List.of(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY,
                ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO, ExtendedKinds.ENTRY_ATTRIBUTES,
                ExtendedKinds.ENTRY_SIZE, ExtendedKinds.ENTRY_LAST_WRITE, ExtendedKinds.ENTRY_LAST_ACCESS,
                ExtendedKinds.ENTRY_CREATION_TIME, ExtendedKinds.ENTRY_SECURITY);
        assertEquals(expected, options.kinds());
    }

    @Test
    void kindNamesIgnoreCaseAndSpacesAndRepeats() throws UsageException {
        assertEquals(List.of(ENTRY_CREATE, ENTRY_DELETE), Options.parse("--kinds", " Create, DELETE ,create", "src").kinds());
    }

    @Test
    void lastKindsOptionWins() throws UsageException {
        assertEquals(List.of(ENTRY_DELETE), Options.parse("--kinds=create", "--kinds=delete", "src").kinds());
    }

    @Test
    void helpInShortAndLongForm() throws UsageException {
        assertTrue(Options.parse("-h").help());
        assertTrue(Options.parse("src", "--help").help());
    }

    @Test
    void doubleDashEndsOptions() throws UsageException {
        Options options = Options.parse("--", "-r", "--json");

        assertFalse(options.recursive());
        assertFalse(options.json());
        assertEquals(List.of("-r", "--json"), options.directories());
    }

    @Test
    void unknownLongOption() {
        assertMessage("unknown option '--bogus' (try --help)", "--bogus", "src");
    }

    @Test
    void unknownShortOption() {
        assertMessage("unknown option '-x' (try --help)", "-x", "src");
    }

    @Test
    void unknownKind() {
        assertMessage("unknown kind 'bogus'; " + KNOWN, "--kinds=create,bogus", "src");
    }

    @Test
    void emptyKinds() {
        assertMessage("--kinds is empty; " + KNOWN, "--kinds=", "src");
    }

    @Test
    void emptyItemInKinds() {
        assertMessage("empty kind in 'create,,delete'; " + KNOWN, "--kinds", "create,,delete", "src");
    }

    @Test
    void kindsWithoutValue() {
        assertMessage("option --kinds needs a value, such as --kinds create,delete,modify", "src", "--kinds");
    }

    @Test
    void noDirectory() {
        assertMessage("no directory given (try --help)", "-r", "--json");
    }

    @Test
    void noArgumentsAtAll() {
        assertMessage("no directory given (try --help)");
    }

    private static void assertMessage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> Options.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
