package dev.nativewatch.core;

import dev.nativewatch.backend.Privileged;

/** The per-key cap on pending events, as the JDK reads it from {@code jdk.nio.file.WatchService.maxEventsPerPoll}. */
final class EventLimit {

    static final String PROPERTY = "jdk.nio.file.WatchService.maxEventsPerPoll";
    static final int DEFAULT = 512;
    /** The largest array size the JDK allows itself (ArraysSupport.SOFT_MAX_ARRAY_LENGTH). */
    private static final int SOFT_MAX = Integer.MAX_VALUE - 8;

    private EventLimit() {
    }

    static int fromSystemProperty() {
        return parse(Privileged.property(PROPERTY));
    }

    /** A value that does not parse gives the default; others are clamped to [1, SOFT_MAX], as in JDK 23+. */
    static int parse(String value) {
        if (value == null) {
            return DEFAULT;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return (int) Math.max(1, Math.min(SOFT_MAX, parsed));
        } catch (NumberFormatException e) {
            return DEFAULT;
        }
    }
}
