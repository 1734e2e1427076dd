package dev.nativewatch.backend.windows;

import org.junit.jupiter.api.Test;

import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Record names to relative paths, on this machine's default file system. */
class NotifyNamesTest {

    private static final FileSystem FS = FileSystems.getDefault();

    private static Path relative(String name) {
        return NotifyNames.relative(FS, name);
    }

    @Test
    void aNameAndASubtreeName() {
        assertEquals(FS.getPath("foo.txt"), relative("foo.txt"));
        assertEquals(FS.getPath("a", "b", "c", "foo"), relative("a\\b\\c\\foo"));
        assertEquals(4, relative("a\\b\\c\\foo").getNameCount());
    }

    @Test
    void oneCharacterAndNonBmpNames() {
        assertEquals(FS.getPath("x"), relative("x"));
        assertEquals(FS.getPath("\uD83D\uDE00"), relative("\uD83D\uDE00"));
    }

    @Test
    void anAlternateDataStreamStandsForItsFile() {
        assertEquals(FS.getPath("photo.jpg"), relative("photo.jpg:Zone.Identifier"));
        assertEquals(FS.getPath("d", "f"), relative("d\\f:s:$DATA"));
    }

    @Test
    void namesThatWouldLeaveTheTreeAreRefused() {
        assertNull(relative(".."));
        assertNull(relative("..\\x"));
        assertNull(relative("a\\..\\..\\x"));
        assertNull(relative("."));
        assertNull(relative("a\\.\\b"));
        assertNull(relative("\\x"), "a rooted name");
        assertNull(relative("C:\\x"), "a drive");
        assertNull(relative("\\\\server\\share\\x"), "a UNC name");
        assertNull(relative("/etc/passwd"), "a slash is a separator on Unix and on Windows");
        assertNull(relative("a/../../b"));
    }

    @Test
    void emptySegmentsAreRefused() {
        assertNull(relative("a\\\\b"));
        assertNull(relative("a\\"));
        assertNull(relative(":stream"));
    }

    @Test
    void namesThePathRejectsAreRefusedNotThrown() {
        assertNull(relative("nul\0byte"));
    }
}
