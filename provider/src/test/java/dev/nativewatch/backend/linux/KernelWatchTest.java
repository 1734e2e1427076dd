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
    void aWatchHoldsItsDirectories() {
        KernelWatch kernel = new KernelWatch(1);
        assertTrue(kernel.isEmpty());
        assertEquals(List.of(), list(kernel));
        kernel.add(a);
        assertFalse(kernel.isEmpty());
        assertEquals(List.of(a), list(kernel));
        assertSame(a, kernel.first());
        assertTrue(kernel.remove(a));
        assertTrue(kernel.isEmpty());
        assertFalse(kernel.remove(a));
    }

    /** The handlers of an event attach and detach directories while the engine goes through them. */
    @Test
    void goingThroughTheDirectoriesIsNotDisturbedByJoinsAndLeaves() {
        KernelWatch kernel = new KernelWatch(1);
        kernel.add(a);
        kernel.add(b);
        List<WatchedDirectory> seen = new ArrayList<>();
        kernel.forEachDirectory(dir -> {
            seen.add(dir);
            if (dir == a) {
                kernel.remove(b);
                kernel.add(c);
            }
        });
        assertEquals(List.of(a, b), seen);
        assertEquals(List.of(a, c), list(kernel));

        seen.clear();
        kernel.forEachDirectory(dir -> {
            seen.add(dir);
            kernel.remove(dir);
        });
        assertEquals(List.of(a, c), seen);
        assertTrue(kernel.isEmpty());
    }

    @Test
    void theDirectoryOfARegistrationIsFoundOnlyWhileAttached() {
        KernelWatch kernel = new KernelWatch(1);
        kernel.add(a);
        kernel.add(b);
        assertSame(a, kernel.directoryOf(null), "the first attached directory of its (here null) owner");
        a.detached = true;
        assertSame(b, kernel.directoryOf(null));
        b.detached = true;
        assertSame(null, kernel.directoryOf(null));
    }

    private static List<WatchedDirectory> list(KernelWatch kernel) {
        List<WatchedDirectory> result = new ArrayList<>();
        kernel.forEachDirectory(result::add);
        return result;
    }
}
