package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Paths are not stored but built from the chain of parents: they must follow the tree as it changes. */
class WatchedDirectoryTest {

    private final InotifyWatch owner = new InotifyWatch(null, Path.of("/r"), spec(Change.CREATED), new RecordingSink());
    private final WatchedDirectory root = new WatchedDirectory(owner, null, null);
    private final WatchedDirectory a = child(root, "a");
    private final WatchedDirectory b = child(a, "b");
    private final WatchedDirectory c = child(b, "c");

    @Test
    void pathsAreRelativeToTheRegisteredDirectory() {
        assertEquals(Path.of(""), root.relative());
        assertEquals(Path.of("x"), root.relativeOf("x"));
        assertEquals(Path.of("a/b"), b.relative());
        assertEquals(Path.of("a/b/c/f"), c.relativeOf("f"));
        assertEquals(Path.of("/r"), owner.pathOf(root));
        assertEquals(Path.of("/r/a/b/c"), owner.pathOf(c));
        assertEquals("WatchedDirectory[., unattached]", root.toString());
        assertEquals("WatchedDirectory[a/b, unattached]", b.toString());
    }

    @Test
    void movingADirectoryMovesThePathsOfEverythingUnderIt() {
        WatchedDirectory other = child(root, "other");
        b.moveTo(other, "bb");
        assertNull(a.child("b"));
        assertSame(b, other.child("bb"));
        assertEquals(Path.of("other/bb"), b.relative());
        assertEquals(Path.of("other/bb/c/f"), c.relativeOf("f"));
        assertEquals(Path.of("/r/other/bb/c"), owner.pathOf(c));
    }

    @Test
    void unlinkingLeavesAParentWithoutChildrenAndTheSubtreeIsWalkedWhole() {
        WatchedDirectory d = child(a, "d");
        List<WatchedDirectory> subtree = new ArrayList<>();
        a.subtree().forEach(subtree::add);
        assertEquals(List.of(a, b, c, d), subtree.stream().sorted(
                (x, y) -> x.relative().compareTo(y.relative())).toList());
        assertSame(a, subtree.get(0), "the top first");
        b.unlink();
        d.unlink();
        assertNull(a.child("b"));
        assertNull(a.child("d"));
        List<WatchedDirectory> left = new ArrayList<>();
        a.subtree().forEach(left::add);
        assertEquals(List.of(a), left);
    }

    private static WatchedDirectory child(WatchedDirectory parent, String name) {
        WatchedDirectory child = new WatchedDirectory(parent.owner, parent, name);
        parent.addChild(child);
        return child;
    }
}
