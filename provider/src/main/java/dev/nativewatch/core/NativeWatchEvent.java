package dev.nativewatch.core;

import java.nio.file.WatchEvent;

/** An event as a key delivers it; its count grows while it is still pending and repeated events merge into it. */
final class NativeWatchEvent<T> implements WatchEvent<T> {
    private final Kind<T> kind;
    private final T context;
    private int count = 1;

    NativeWatchEvent(Kind<T> kind, T context) {
        this.kind = kind;
        this.context = context;
    }

    @Override
    public Kind<T> kind() {
        return kind;
    }

    @Override
    public T context() {
        return context;
    }

    @Override
    public int count() {
        return count;
    }

    void increment() {
        count++;
    }

    @Override
    public String toString() {
        return kind.name() + "(" + context + (count > 1 ? ", count=" + count : "") + ")";
    }
}
