package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChildDirectoriesTest {

    @Test
    void findsReplacesAndRemovesByName() {
        ChildDirectories children = new ChildDirectories();
        WatchedDirectory a = dir("a");
        WatchedDirectory b = dir("b");
        assertNull(children.put(a));
        assertNull(children.put(b));
        assertSame(a, children.get("a"));
        assertSame(b, children.get("b"));
        assertNull(children.get("c"));
        WatchedDirectory otherA = dir("a");
        assertSame(a, children.put(otherA));
        assertSame(otherA, children.get("a"));
        assertEquals(2, children.size());
        assertSame(otherA, children.remove("a"));
        assertNull(children.remove("a"));
        assertNull(children.get("a"));
        assertSame(b, children.get("b"));
        assertEquals(1, children.size());
    }

    /** "Aa" and "BB" have the same hash code, so these names all have the same home slot at any capacity. */
    @Test
    void namesWithTheSameHashStayFindableWhateverIsRemoved() {
        List<String> names = List.of("AaAa", "AaBB", "BBAa", "BBBB", "AaAaAa");
        assertEquals(1, names.subList(0, 4).stream().map(String::hashCode).distinct().count());
        for (String victim : names) {
            ChildDirectories children = new ChildDirectories();
            names.forEach(name -> children.put(dir(name)));
            assertEquals(victim, children.remove(victim).name());
            for (String name : names) {
                if (name.equals(victim)) {
                    assertNull(children.get(name));
                } else {
                    assertEquals(name, children.get(name).name(), "after removing " + victim);
                }
            }
        }
    }

    @Test
    void growsAndShrinksWithTheNumberOfChildren() {
        ChildDirectories children = new ChildDirectories();
        assertEquals(ChildDirectories.MIN_CAPACITY, children.capacity());
        children.put(dir("only"));
        assertEquals(ChildDirectories.MIN_CAPACITY, children.capacity(), "one child fits the smallest table");
        for (int i = 0; i < 10_000; i++) {
            children.put(dir("d" + i));
        }
        assertEquals(10_001, children.size());
        assertTrue(children.capacity() >= 10_001 * 4 / 3, "at most three quarters full: " + children.capacity());
        for (int i = 0; i < 10_000; i++) {
            assertEquals("d" + i, children.remove("d" + i).name());
        }
        assertEquals(1, children.size());
        assertTrue(children.capacity() <= 16, "shrunk: " + children.capacity());
        assertEquals("only", children.get("only").name());
    }

    @Test
    void forEachVisitsEveryChildOnce() {
        ChildDirectories children = new ChildDirectories();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            names.add("n" + i);
            children.put(dir("n" + i));
        }
        List<String> visited = new ArrayList<>();
        children.forEach(child -> visited.add(child.name()));
        assertEquals(100, visited.size());
        assertEquals(names, new HashSet<>(visited));
    }

    @Test
    void behavesAsAHashMapUnderRandomOperations() {
        Random random = new Random(42);
        ChildDirectories children = new ChildDirectories();
        Map<String, WatchedDirectory> model = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            String name = "x" + random.nextInt(300);
            int operation = random.nextInt(10);
            if (operation < 5) {
                WatchedDirectory child = dir(name);
                assertSame(model.put(name, child), children.put(child));
            } else if (operation < 8) {
                assertSame(model.remove(name), children.remove(name));
            } else {
                assertSame(model.get(name), children.get(name));
            }
            assertEquals(model.size(), children.size());
        }
        model.forEach((name, child) -> assertSame(child, children.get(name)));
    }

    private static WatchedDirectory dir(String name) {
        return new WatchedDirectory(null, null, name);
    }
}
