package dev.nativewatch.bench.peers;

/** What every peer's events are reduced to, so that one recorder can count them all alike. */
public enum EventKind {
    CREATE, DELETE, MODIFY, OVERFLOW
}
