package dev.nativewatch.tck;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.polling.PollingBackend;

import java.time.Duration;
import java.util.Map;

/** nativewatch's core on the polling backend, registering through the core. */
class NativeWatchCoreFixture extends CoreRegistrationFixture {

    static final Duration INTERVAL = Duration.ofMillis(50);

    @Override
    public String name() {
        return "nativewatch-core-polling";
    }

    @Override
    Backend backend() {
        return new PollingBackend(INTERVAL);
    }

    @Override
    public Map<String, String> expectedDeviations() {
        return NativeWatchDeclarations.deviations("polling");
    }

    @Override
    Map<String, String> backendNotApplicable() {
        return NativeWatchDeclarations.notApplicable("polling");
    }

    @Override
    public Duration quietPeriod() {
        return INTERVAL.multipliedBy(10);
    }
}
