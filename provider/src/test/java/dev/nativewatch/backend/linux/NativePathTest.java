package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Paths built from a parent's bytes must be the bytes the kernel would get from the same {@link Path}. */
class NativePathTest {

    @Test
    void aChildIsTheParentAndTheNameWithOneSeparatorAndANul() {
        NativePath child = NativePath.of(Path.of("/tmp/a")).child("b");

        assertEquals("/tmp/a/b", child.toString());
        assertArrayEquals(FileNames.toCString(Path.of("/tmp/a/b")), child.cString());
        assertEquals(0, child.cString()[child.cString().length - 1]);
    }

    @Test
    void aChildOfTheFileSystemRootHasNoDoubleSeparator() {
        assertEquals("/etc", NativePath.of(Path.of("/")).child("etc").toString());
    }

    @Test
    void aNameOutsideAsciiIsEncodedAsTheJdkEncodesFileNames() {
        String name = "gr\u00fc\u00dfe-\u65e5\u672c";
        assumeTrue(FileNames.CHARSET.newEncoder().canEncode(name),
                () -> "file names are " + FileNames.CHARSET + " here (sun.jnu.encoding), which cannot encode " + name);
        NativePath child = NativePath.of(Path.of("/tmp")).child(FileNames.kernelName(name.getBytes(FileNames.CHARSET)));

        assertArrayEquals(FileNames.toCString(Path.of("/tmp", name)), child.cString());
        assertEquals("/tmp/" + name, child.toString());
    }

    @Test
    void aRelativePathIsMadeAbsolute() {
        NativePath path = NativePath.of(Path.of("relative"));

        assertEquals(Path.of("relative").toAbsolutePath().toString(), path.toString());
    }

    @Test
    void pathsWithTheSameBytesAreEqual() {
        NativePath built = NativePath.of(Path.of("/tmp")).child("x").child("y");
        NativePath parsed = NativePath.of(Path.of("/tmp/x/y"));

        assertEquals(parsed, built);
        assertEquals(parsed.hashCode(), built.hashCode());
        assertEquals(Arrays.toString(parsed.cString()), Arrays.toString(built.cString()));
    }
}
