package dev.nativewatch.tck;

import org.junit.jupiter.api.Nested;

/** nativewatch's Windows backend under Wine, below the spi layer; runs in the wine-test execution. */
class NativeWatchWineTck {

    static final WatchServiceFixture FIXTURE = new NativeWatchWineFixture();

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
