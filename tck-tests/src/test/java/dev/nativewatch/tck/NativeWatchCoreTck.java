package dev.nativewatch.tck;

import org.junit.jupiter.api.Nested;

/** nativewatch's core on its polling backend, below the spi layer. */
class NativeWatchCoreTck {

    static final WatchServiceFixture FIXTURE = new NativeWatchCoreFixture();

    @Nested class Registration extends RegistrationContract { Registration() { super(FIXTURE); } }
    @Nested class EventDelivery extends EventDeliveryContract { EventDelivery() { super(FIXTURE); } }
    @Nested class KeyLifecycle extends KeyLifecycleContract { KeyLifecycle() { super(FIXTURE); } }
    @Nested class Close extends CloseContract { Close() { super(FIXTURE); } }
    @Nested class Overflow extends OverflowContract { Overflow() { super(FIXTURE); } }
    @Nested class Concurrency extends ConcurrencyContract { Concurrency() { super(FIXTURE); } }
    @Nested class Extension extends ExtensionContract { Extension() { super(FIXTURE); } }
    @Nested class Scenario extends ScenarioContract { Scenario() { super(FIXTURE); } }
    @Nested class Differential extends DifferentialContract { Differential() { super(FIXTURE); } }
}
