package dev.nativewatch.tck;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The suite's waits: every condition is awaited up to one generous deadline, and met conditions end the wait. */
public final class Tck {

    /** How long any awaited condition may take: {@code -Dtck.deadline.seconds}, 30 by default. */
    public static final Duration DEADLINE = Duration.ofSeconds(Long.getLong("tck.deadline.seconds", 30));

    private Tck() {
    }

    /**
     * Waits until {@code condition} holds, checking every few milliseconds; fails after {@link #DEADLINE}.
     *
     * @param condition what must come to hold
     * @param what      the condition in words, for the failure message
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
