package dev.nativewatch.tck;

import org.junit.jupiter.api.Nested;

/** The reference: the JDK's default watch service, which must pass every SPEC and JDK-COMMON check. */
class JdkDefaultTck {

    static final WatchServiceFixture FIXTURE = new JdkDefaultFixture();

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
