package dev.nativewatch.backend.linux;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntMapTest {

    @Test
    void putGetReplaceAndRemove() {
        IntMap<String> map = new IntMap<>();
        assertNull(map.put(7, "a"));
        assertNull(map.put(0, "zero"));
        assertNull(map.put(-3, "negative"));
        assertEquals("a", map.get(7));
        assertEquals("zero", map.get(0));
        assertEquals("negative", map.get(-3));
        assertNull(map.get(8));
        assertEquals("a", map.put(7, "b"));
        assertEquals(3, map.size());
        assertEquals("b", map.remove(7));
        assertNull(map.remove(7));
        assertNull(map.get(7));
        assertEquals(2, map.size());
        assertThrows(NullPointerException.class, () -> map.put(1, null));
    }

    @Test
    void removingByKeyAndValueNeedsTheSameValue() {
        IntMap<String> map = new IntMap<>();
        String value = new String("v");
        map.put(1, value);
        assertFalse(map.remove(1, new String("v")), "an equal but other value");
        assertFalse(map.remove(2, value));
        assertSame(value, map.get(1));
        assertTrue(map.remove(1, value));
        assertTrue(map.isEmpty());
    }

    /**
     * Keys with the same home slot sit one after another; removing one must leave the rest findable: a chain that
     * wraps around the end of the arrays, a chain of another home behind it, and an entry at its home right after.
     */
    @Test
    void collidingKeysStayFindableWhateverIsRemoved() {
        IntMap<Integer> probe = new IntMap<>();
        int last = probe.capacity() - 1;
        List<Integer> atLast = keysWithHome(probe, last, 3);
        List<Integer> atFirst = keysWithHome(probe, 0, 2);
        List<Integer> keys = new ArrayList<>(atLast);
        keys.addAll(atFirst);
        keys.addAll(keysWithHome(probe, 4, 1)); // right after the chain, at home: must never move
        for (int victim : keys) {
            IntMap<Integer> map = new IntMap<>();
            keys.forEach(key -> map.put(key, key));
            assertEquals(probe.capacity(), map.capacity(), "no growth: the keys must collide at this capacity");
            assertEquals(victim, map.remove(victim));
            for (int key : keys) {
                assertEquals(key == victim ? null : key, map.get(key), "key " + key + " after removing " + victim);
            }
            map.put(victim, victim);
            for (int key : keys) {
                assertEquals(key, map.get(key));
            }
        }
    }

    @Test
    void growsAndShrinksWithTheNumberOfMappings() {
        IntMap<Integer> map = new IntMap<>();
        for (int key = 1; key <= 100_000; key++) {
            map.put(key, key);
        }
        assertEquals(100_000, map.size());
        assertTrue(map.capacity() >= 100_000 * 4 / 3, "at most three quarters full: " + map.capacity());
        for (int key = 1; key <= 100_000; key++) {
            assertEquals(key, map.get(key));
        }
        for (int key = 11; key <= 100_000; key++) {
            map.remove(key);
        }
        assertTrue(map.capacity() <= 128, "shrunk: " + map.capacity());
        assertEquals(10, map.size());
        for (int key = 1; key <= 10; key++) {
            assertEquals(key, map.get(key));
        }
        map.clear();
        assertEquals(0, map.size());
        assertEquals(IntMap.MIN_CAPACITY, map.capacity());
        assertNull(map.get(1));
    }

    /** Watch descriptors keep growing as watches come and go; the table must follow the live ones only. */
    @Test
    void everGrowingKeysWithFewLiveKeepTheTableSmall() {
        IntMap<Integer> map = new IntMap<>();
        int largest = 0;
        for (int key = 1; key <= 1_000_000; key++) {
            map.put(key, key);
            if (key > 10) {
                assertEquals(key - 10, map.remove(key - 10));
            }
            largest = Math.max(largest, map.capacity());
        }
        assertEquals(10, map.size());
        assertTrue(largest <= 32, "largest capacity " + largest);
        for (int key = 1_000_000 - 9; key <= 1_000_000; key++) {
            assertEquals(key, map.get(key));
        }
    }

    @Test
    void behavesAsAHashMapUnderRandomOperations() {
        for (int range : new int[] {40, 5_000, Integer.MAX_VALUE}) {
            Random random = new Random(range);
            IntMap<Integer> map = new IntMap<>();
            Map<Integer, Integer> model = new HashMap<>();
            for (int i = 0; i < 200_000; i++) {
                int key = range == Integer.MAX_VALUE ? random.nextInt() : random.nextInt(range);
                int operation = random.nextInt(10);
                if (operation < 5) {
                    assertEquals(model.put(key, i), map.put(key, i));
                } else if (operation < 8) {
                    assertEquals(model.remove(key), map.remove(key));
                } else {
                    assertEquals(model.get(key), map.get(key));
                }
                assertEquals(model.size(), map.size());
            }
            for (Map.Entry<Integer, Integer> entry : model.entrySet()) {
                assertEquals(entry.getValue(), map.get(entry.getKey()));
            }
            int[] keys = map.keys();
            Arrays.sort(keys);
            assertEquals(model.keySet().stream().sorted().toList(), Arrays.stream(keys).boxed().toList());
        }
    }

    private static List<Integer> keysWithHome(IntMap<?> map, int slot, int count) {
        List<Integer> keys = new ArrayList<>();
        for (int key = 1; keys.size() < count; key++) {
            if (map.homeSlot(key) == slot) {
                keys.add(key);
            }
        }
        return keys;
    }
}
