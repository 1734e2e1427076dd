package dev.nativewatch.tck;

import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Reads a watch service for a check: takes keys, records their events in arrival order, and resets them. Not
 * thread-safe; one recorder per consuming thread.
 */
public final class EventRecorder {

    private final WatchService service;
    private final List<Observed> events = new ArrayList<>();
    private final List<WatchKey> invalidKeys = new ArrayList<>();
    private final List<List<Observed>> batches = new ArrayList<>();

    /**
     * Creates a recorder that has recorded nothing yet.
     *
     * @param service the watch service to read
     */
    public EventRecorder(WatchService service) {
        this.service = service;
    }

    /** {@return every event recorded so far, in arrival order} */
    public List<Observed> events() {
        return Collections.unmodifiableList(events);
    }

    /** {@return the events as "KIND context" strings, in arrival order} */
    public List<String> described() {
        return events.stream().map(Observed::described).collect(Collectors.toList());
    }

    /** {@return each {@code pollEvents()} result, in order} */
    public List<List<Observed>> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** {@return the keys whose {@code reset()} returned false} */
    public List<WatchKey> invalidKeys() {
        return Collections.unmodifiableList(invalidKeys);
    }

    /**
     * Tells whether an event described as {@code described} was recorded.
     *
     * @param described an event as "KIND context", such as {@code ENTRY_CREATE a/b}
     * @return whether such an event was recorded
     */
    public boolean saw(String described) {
        return events.stream().anyMatch(e -> e.described().equals(described));
    }

    /**
     * Reads keys until every one of {@code described} has been recorded.
     *
     * @param described events as "KIND context"
     * @return this recorder
     * @throws InterruptedException if interrupted while waiting for a key
     */
    public EventRecorder untilSeen(String... described) throws InterruptedException {
        return until(r -> Arrays.stream(described).allMatch(r::saw), "events " + Arrays.toString(described));
    }

    /**
     * Reads keys until {@code condition} holds; fails after {@link Tck#DEADLINE}, listing what was recorded.
     *
     * @param condition what the recorded events must satisfy
     * @param what      the condition in words, for the failure message
     * @return this recorder
     * @throws InterruptedException if interrupted while waiting for a key
     */
    public EventRecorder until(Predicate<EventRecorder> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Tck.DEADLINE.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("not within " + Tck.DEADLINE.toSeconds() + " s: " + what
                        + "; recorded " + events + (invalidKeys.isEmpty() ? "" : ", invalid keys " + invalidKeys));
            }
            WatchKey key = service.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
            if (key != null) {
                read(key);
            }
        }
        return this;
    }

    /**
     * Reads keys until none has been signalled for {@code quiet}.
     *
     * @param quiet how long no key must come
     * @return this recorder
     * @throws InterruptedException if interrupted while waiting for a key
     */
    public EventRecorder drain(Duration quiet) throws InterruptedException {
        WatchKey key;
        while ((key = service.poll(quiet.toNanos(), TimeUnit.NANOSECONDS)) != null) {
            read(key);
        }
        return this;
    }

    /**
     * Records the pending events of {@code key} and resets it.
     *
     * @param key a signalled key
     * @return the events it held, in order
     */
    public List<Observed> read(WatchKey key) {
        List<Observed> batch = new ArrayList<>();
        for (WatchEvent<?> event : key.pollEvents()) {
            batch.add(Observed.of(key, event, batches.size()));
        }
        batches.add(batch);
        events.addAll(batch);
        if (!key.reset()) {
            invalidKeys.add(key);
        }
        return batch;
    }

    @Override
    public String toString() {
        return events.toString();
    }
}
