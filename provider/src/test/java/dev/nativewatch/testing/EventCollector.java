package dev.nativewatch.testing;

import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a watch service until what it has collected satisfies a condition, or a generous deadline passes.
 * Events are recorded as "KIND context" strings, in arrival order; each key is reset after reading.
 */
public final class EventCollector {

    /** Long enough for a loaded CI machine; conditions are normally met within one scan or kernel read. */
    public static final long DEADLINE_SECONDS = 60;

    private final WatchService service;
    private final List<String> events = new ArrayList<>();
    private final List<WatchKey> invalidKeys = new ArrayList<>();

    public EventCollector(WatchService service) {
        this.service = service;
    }

    /** @return every event collected so far, as "KIND context" */
    public List<String> events() {
        return events;
    }

    /** @return the keys that were found invalid after being signalled */
    public List<WatchKey> invalidKeys() {
        return invalidKeys;
    }

    /** Collects until {@code condition} holds for the events so far; fails with what was seen otherwise. */
    public List<String> until(Predicate<List<String>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (!condition.test(events)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("condition not met within " + DEADLINE_SECONDS + " s; events: " + events);
            }
            WatchKey key = service.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (key != null) {
                read(key);
            }
        }
        return events;
    }

    /** Collects until an event equal to {@code described} ("KIND context") has arrived. */
    public List<String> until(String described) throws InterruptedException {
        return until(seen -> seen.contains(described));
    }

    /** Collects until some signalled key turned out to be invalid. */
    public WatchKey untilInvalid() throws InterruptedException {
        until(seen -> !invalidKeys.isEmpty());
        return invalidKeys.get(0);
    }

    private void read(WatchKey key) {
        for (WatchEvent<?> event : key.pollEvents()) {
            events.add(describe(event));
        }
        if (!key.reset()) {
            invalidKeys.add(key);
        }
    }

    /** @return "KIND context", with the context's string form as the file system renders it */
    public static String describe(WatchEvent<?> event) {
        return event.kind().name() + " " + event.context();
    }
}
