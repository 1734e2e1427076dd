package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelWatchTest {

    private final WatchedDirectory a = new WatchedDirectory(null, null, "a");
    private final WatchedDirectory b = new WatchedDirectory(null, null, "b");
    private final WatchedDirectory c = new WatchedDirectory(null, null, "c");

    @Test
    void aWatchOfOneDirectoryHoldsItWithoutAnArray() {
        KernelWatch kernel = new KernelWatch(1);
        assertTrue(kernel.isEmpty());
        assertEquals(0, KernelWatch.count(kernel.directories()));
        kernel.add(a);
        assertFalse(kernel.isEmpty());
        assertSame(a, kernel.directories(), "the directory itself");
        assertEquals(List.of(a), list(kernel.directories()));
        assertSame(a, kernel.first());
        assertTrue(kernel.remove(a));
        assertTrue(kernel.isEmpty());
        assertFalse(kernel.remove(a));
    }

    /** The engine iterates what it took before handling an event, while the handlers attach and detach. */
    @Test
    void whatWasTakenDoesNotChangeWhenDirectoriesJoinOrLeave() {
        KernelWatch kernel = new KernelWatch(1);
        kernel.add(a);
        Object one = kernel.directories();
        kernel.add(b);
        Object two = kernel.directories();
        kernel.add(c);
        assertEquals(List.of(a), list(one));
        assertEquals(List.of(a, b), list(two));
        assertEquals(List.of(a, b, c), list(kernel.directories()));

        Object three = kernel.directories();
        assertTrue(kernel.remove(b));
        assertFalse(kernel.remove(b));
        assertEquals(List.of(a, b, c), list(three));
        Object twoLeft = kernel.directories();
        assertEquals(List.of(a, c), list(twoLeft));
        assertTrue(kernel.remove(a));
        assertSame(c, kernel.directories(), "back to a single directory, without an array");
        assertSame(c, kernel.first());
        assertEquals(List.of(a, c), list(twoLeft));
    }

    private static List<WatchedDirectory> list(Object directories) {
        List<WatchedDirectory> result = new ArrayList<>();
        for (int i = 0, n = KernelWatch.count(directories); i < n; i++) {
            result.add(KernelWatch.get(directories, i));
        }
        return result;
    }
}
