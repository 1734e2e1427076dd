package dev.nativewatch.backend.polling;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.Privileged;
import dev.nativewatch.backend.WatchEngine;

import java.nio.file.FileSystem;
import java.time.Duration;
import java.util.Optional;

/** Watching by scanning: works on every file system, at the cost of latency and of short-lived files. */
public final class PollingBackend implements Backend {

    /** The scan interval in milliseconds for registrations without a sensitivity modifier. */
    public static final String INTERVAL_PROPERTY = "dev.nativewatch.polling.intervalMillis";

    /** The JDK's own polling interval since JDK 17. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private final Duration fixedDefaultInterval;

    /** A backend whose default interval comes from {@link #INTERVAL_PROPERTY}, or is the JDK's two seconds. */
    public PollingBackend() {
        this(null);
    }

    /** A backend with the given default interval, whatever the system property says. */
    public PollingBackend(Duration defaultInterval) {
        this.fixedDefaultInterval = defaultInterval;
    }

    @Override
    public String name() {
        return "polling";
    }

    @Override
    public Optional<String> unavailabilityReason() {
        return Optional.empty();
    }

    @Override
    public boolean supports(FileSystem fileSystem) {
        return true;
    }

    @Override
    public WatchEngine newEngine(FileSystem fileSystem) {
        return new PollingEngine(fixedDefaultInterval != null ? fixedDefaultInterval : defaultInterval());
    }

    static Duration defaultInterval() {
        String value = Privileged.property(INTERVAL_PROPERTY);
        if (value == null) {
            return DEFAULT_INTERVAL;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException ignored) {
            // Falls through to the warning below.
        }
        System.getLogger(PollingBackend.class.getName()).log(System.Logger.Level.WARNING,
                "-D" + INTERVAL_PROPERTY + "=" + value + " is not a positive number of milliseconds; using "
                        + DEFAULT_INTERVAL.toMillis());
        return DEFAULT_INTERVAL;
    }
}
