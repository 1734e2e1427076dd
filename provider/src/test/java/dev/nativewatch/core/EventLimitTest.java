package dev.nativewatch.core;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-key event cap, read as JDK 23+ reads {@code jdk.nio.file.WatchService.maxEventsPerPoll}. */
class EventLimitTest {

    @Test
    void unsetOrUnparsableGivesTheDefault() {
        assertEquals(512, EventLimit.parse(null));
        assertEquals(512, EventLimit.parse("abc"));
        assertEquals(512, EventLimit.parse(""));
    }

    @Test
    void valuesAreClampedToAtLeastOne() {
        assertEquals(1, EventLimit.parse("0"));
        assertEquals(1, EventLimit.parse("-5"));
        assertEquals(5, EventLimit.parse("5"));
        assertEquals(700, EventLimit.parse(" 700 "));
    }

    @Test
    void hugeValuesAreClampedToTheLargestArray() {
        assertEquals(Integer.MAX_VALUE - 8, EventLimit.parse("3000000000"));
    }
}
