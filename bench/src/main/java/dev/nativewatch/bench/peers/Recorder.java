package dev.nativewatch.bench.peers;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Counts what a peer reports and when, and lets the measuring thread wait for an entry or for quiet. Every peer's
 * consumer thread calls the same cheap, synchronized {@link #onEvent}, so the bookkeeping costs all peers alike.
 */
public final class Recorder implements EventSink {

    private final Predicate<String> counted;
    private final Map<String, Long> firstCreated = new HashMap<>();
    private long events;
    private long createEvents;
    private long overflows;
    private long lastEventNanos;
    /** The last event, or the start of a wait for quiet, whichever is later. */
    private long lastActivityNanos = System.nanoTime();
    private int waiters;
    /** The one entry whose modifications are counted, or null; see {@link #countModifications}. */
    private String modifiedName;
    private int modifications;
    private long lastModifiedNanos;

    /** @param counted which created paths count as "files seen" (the workload's own files, not its directories) */
    public Recorder(Predicate<String> counted) {
        this.counted = counted;
    }

    @Override
    public synchronized void onEvent(EventKind kind, String relative) {
        long now = System.nanoTime();
        events++;
        lastEventNanos = now;
        lastActivityNanos = now;
        if (kind == EventKind.OVERFLOW) {
            overflows++;
        } else if (kind == EventKind.CREATE) {
            createEvents++;
            if (relative != null && counted.test(relative)) {
                firstCreated.putIfAbsent(relative, now);
            }
        } else if (kind == EventKind.MODIFY && relative != null && relative.equals(modifiedName)) {
            modifications++;
            lastModifiedNanos = now;
        }
        if (waiters > 0) {
            notifyAll();
        }
    }

    /** @return when the entry was first reported created (System.nanoTime), or -1 if not within the timeout */
    public synchronized long awaitCreated(String relative, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        waiters++;
        try {
            Long at;
            while ((at = firstCreated.get(relative)) == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return at;
        } finally {
            waiters--;
        }
    }

    /** Counts the MODIFY events of one entry from now on, for {@link #awaitModified}. */
    public synchronized void countModifications(String relative) {
        modifiedName = relative;
        modifications = 0;
    }

    /** @return how many MODIFY events the entry given to {@link #countModifications} has had */
    public synchronized int modifications() {
        return modifications;
    }

    /**
     * @return when the counted entry's MODIFY events passed {@code seen} (System.nanoTime of the one that did), or
     * -1 if they did not within the timeout
     */
    public synchronized long awaitModified(int seen, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        waiters++;
        try {
            while (modifications <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return -1;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return lastModifiedNanos;
        } finally {
            waiters--;
        }
    }

    /**
     * Waits until the peer has gone quiet: no event for {@code quietNanos}, or {@code expected} distinct files seen
     * and no event for {@code graceNanos}; never past {@code deadlineNanos} (a System.nanoTime value).
     */
    public void awaitQuiet(long quietNanos, int expected, long graceNanos, long deadlineNanos)
            throws InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            long since;
            int seen;
            synchronized (this) {
                since = System.nanoTime() - lastActivityNanos;
                seen = firstCreated.size();
            }
            if (since >= quietNanos || (seen >= expected && since >= graceNanos)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    /** Restarts the quiet clock, so that quiet is counted from the end of the workload's own writes. */
    public synchronized void touch() {
        lastActivityNanos = System.nanoTime();
    }

    public synchronized long events() {
        return events;
    }

    public synchronized long createEvents() {
        return createEvents;
    }

    public synchronized long overflows() {
        return overflows;
    }

    public synchronized int distinctCreated() {
        return firstCreated.size();
    }

    /** @return when the last event was taken (System.nanoTime), or 0 if none was */
    public synchronized long lastEventNanos() {
        return lastEventNanos;
    }
}
