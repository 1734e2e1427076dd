package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.ChangeSink;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that records what a watch reported, as strings: "CREATED a/b", "RENAMED x -> y", "OVERFLOW",
 * "INVALID reason". Used on the thread that drives the engine.
 */
final class RecordingSink implements ChangeSink {

    final List<String> events = new ArrayList<>();
    int overflows;
    String invalidation;
    int invalidations;

    @Override
    public void changed(Change change, Path relative) {
        events.add(change + " " + relative);
    }

    @Override
    public void renamed(Path from, Path to) {
        events.add("RENAMED " + from + " -> " + to);
    }

    @Override
    public void overflowed() {
        overflows++;
        events.add("OVERFLOW");
    }

    @Override
    public void invalidated(String reason) {
        invalidations++;
        invalidation = reason;
        events.add("INVALID " + reason);
    }

    boolean saw(String event) {
        return events.contains(event);
    }

    /** @return the events about entries whose path contains {@code part} */
    List<String> about(String part) {
        return events.stream().filter(e -> e.contains(part)).toList();
    }

    @Override
    public String toString() {
        return events.size() > 200 ? events.size() + " events, the last: " + events.subList(events.size() - 200,
                events.size()) : events.toString();
    }
}
