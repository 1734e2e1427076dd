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
    /** What a consumer does on taking an OVERFLOW, run as the sink hears of it (on the engine's thread). */
    Runnable onOverflow = () -> { };

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
        onOverflow.run();
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
