package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Kernel names stay the kernel's bytes, and become paths that name those very bytes, in any locale. */
class FileNamesTest {

    @TempDir
    Path dir;

    @Test
    void namesThatAreNotValidInTheFileNameCharsetBecomePathsToTheEntry() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux file names are bytes");
        byte[] first = {'b', 'a', 'd', (byte) 0xff};
        byte[] second = {'b', 'a', 'd', (byte) 0xfe};
        Path one = Files.createFile(ofBytes(dir, first));
        Path two = Files.createFile(ofBytes(dir, second));

        Path contextOne = FileNames.relativePath(dir, new String[] {FileNames.kernelName(first)});
        Path contextTwo = FileNames.relativePath(dir, new String[] {FileNames.kernelName(second)});

        assertNotEquals(contextOne, contextTwo, "two names, two contexts");
        assertTrue(Files.isSameFile(one, dir.resolve(contextOne)));
        assertTrue(Files.isSameFile(two, dir.resolve(contextTwo)));
        assertArrayEquals(first, FileNames.kernelName(one).getBytes(FileNames.KERNEL));
    }

    @Test
    void aPathBelowADirectoryWithSuchANameKeepsEveryByte() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"), "Linux file names are bytes");
        byte[] badDirectory = {'d', (byte) 0xc3};
        Path sub = Files.createDirectory(ofBytes(dir, badDirectory));
        Path file = Files.createFile(sub.resolve("plain"));

        Path context = FileNames.relativePath(dir, new String[] {FileNames.kernelName(badDirectory), "plain"});

        assertEquals(2, context.getNameCount());
        assertTrue(Files.exists(dir.resolve(context), LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.isSameFile(file, dir.resolve(context)));
        byte[] full = FileNames.bytesOf(file);
        assertArrayEquals(full, FileNames.bytesOf(dir.resolve(context)));
    }

    @Test
    void aNameMadeAgainUnderTheSameBaseIsTheSamePathAndUnderAnotherItIsNot() {
        Path other = dir.resolve("other");
        Path first = FileNames.relativePath(dir, new String[] {"same"});
        Path again = FileNames.relativePath(dir, new String[] {"same"});
        Path elsewhere = FileNames.relativePath(other, new String[] {"same"});
        Path next = FileNames.relativePath(dir, new String[] {"next"});

        assertSame(first, again, "made once for a run of events on one entry");
        assertEquals(dir.getFileSystem().getPath("same"), elsewhere);
        assertNotSame(first, elsewhere);
        assertEquals(dir.getFileSystem().getPath("next"), next);
    }

    @Test
    void ordinaryNamesAreThePathsTheFileSystemParses() {
        Path context = FileNames.relativePath(dir, new String[] {"a b", "c.txt"});
        assertEquals(dir.getFileSystem().getPath("a b", "c.txt"), context);
    }

    /** A path of exactly these bytes, as the JDK builds one from an escaped {@code file:} URI. */
    static Path ofBytes(Path parent, byte[] name) {
        StringBuilder uri = new StringBuilder(parent.toUri().toString());
        if (uri.charAt(uri.length() - 1) != '/') {
            uri.append('/');
        }
        for (byte b : name) {
            uri.append('%').append(String.format("%02X", b & 0xFF));
        }
        return Path.of(URI.create(uri.toString()));
    }
}
