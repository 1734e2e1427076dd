package dev.nativewatch.bench.peers;

/** Where a peer's consumer thread hands each event it takes. */
public interface EventSink {

    /**
     * @param kind     the event's kind
     * @param relative the entry's path relative to the watched root, with '/' between names; null for OVERFLOW
     */
    void onEvent(EventKind kind, String relative);
}
