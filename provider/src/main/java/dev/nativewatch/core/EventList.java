package dev.nativewatch.core;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A key's pending events, with the JDK's rules: an event like the last one merges into it with a count, a
 * modification merges into the earlier modification of the same entry while nothing else happened to it, and a
 * list at the cap is replaced by a single OVERFLOW. Events a rescan recovered are not capped and do not count
 * towards the cap. Guarded by the key's monitor.
 */
final class EventList {

    /** What became of an event offered to the list. */
    enum Outcome {
        /** Listed on its own. */
        LISTED,
        /** Merged into an earlier event: the consumer hears of it as that one's count. */
        MERGED,
        /** Merged into the OVERFLOW that ends the list: the consumer never hears of it. */
        LOST_IN_OVERFLOW,
        /** Over the cap while recovering: not listed, and what is listed stays. */
        REFUSED,
        /** The list was replaced by an OVERFLOW. */
        OVERFLOWED
    }

    private final int maxEvents;
    private List<WatchEvent<?>> events = new ArrayList<>();
    private final Map<Object, NativeWatchEvent<?>> lastModifyEvents = new HashMap<>();
    /** How many of the listed events came from a rescan. */
    private int recovered;

    EventList(int maxEvents) {
        this.maxEvents = maxEvents;
    }

    /** @return the events listed so far, leaving the list empty */
    List<WatchEvent<?>> take() {
        List<WatchEvent<?>> taken = events;
        events = new ArrayList<>();
        lastModifyEvents.clear();
        recovered = 0;
        return taken;
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /**
     * @param capped     false for an event a rescan recovered
     * @param recovering whether an overflow is being recovered: an event over the cap is then refused, not turned
     *                   into an OVERFLOW that would drop what is listed
     */
    Outcome add(WatchEvent.Kind<?> kind, Object context, boolean capped, boolean recovering) {
        int size = events.size();
        if (size > 0) {
            Outcome merged = merge(kind, context);
            if (merged != null) {
                return merged;
            }
            if (capped && size - recovered >= maxEvents) {
                if (recovering) {
                    return Outcome.REFUSED;
                }
                kind = StandardWatchEventKinds.OVERFLOW;
                context = null;
            }
        }
        NativeWatchEvent<?> event = newEvent(kind, context);
        Outcome outcome = Outcome.LISTED;
        if (kind == StandardWatchEventKinds.ENTRY_MODIFY) {
            lastModifyEvents.put(context, event);
        } else if (kind == StandardWatchEventKinds.OVERFLOW) {
            take();
            outcome = Outcome.OVERFLOWED;
        }
        if (!capped) {
            recovered++;
        }
        events.add(event);
        return outcome;
    }

    /** @return how the event merged into one listed, or null if it did not */
    private Outcome merge(WatchEvent.Kind<?> kind, Object context) {
        WatchEvent<?> previous = events.get(events.size() - 1);
        if (previous.kind() == StandardWatchEventKinds.OVERFLOW) {
            ((NativeWatchEvent<?>) previous).increment();
            return Outcome.LOST_IN_OVERFLOW;
        }
        if (previous.kind() == kind && Objects.equals(previous.context(), context)) {
            ((NativeWatchEvent<?>) previous).increment();
            return Outcome.MERGED;
        }
        if (!lastModifyEvents.isEmpty()) {
            if (kind == StandardWatchEventKinds.ENTRY_MODIFY) {
                NativeWatchEvent<?> earlier = lastModifyEvents.get(context);
                if (earlier != null) {
                    earlier.increment();
                    return Outcome.MERGED;
                }
            } else {
                lastModifyEvents.remove(context);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static NativeWatchEvent<?> newEvent(WatchEvent.Kind<?> kind, Object context) {
        return new NativeWatchEvent<>((WatchEvent.Kind<Object>) kind, context);
    }
}
