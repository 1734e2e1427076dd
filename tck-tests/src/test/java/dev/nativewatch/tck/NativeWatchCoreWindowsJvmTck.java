package dev.nativewatch.tck;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.backend.windows.WindowsBackend;
import org.junit.jupiter.api.Nested;

import java.util.Map;
import java.util.TreeMap;

/** nativewatch's core on the Windows backend's production adapter (JNA), on a Windows JVM under Wine. */
class NativeWatchCoreWindowsJvmTck {

    static final WatchServiceFixture FIXTURE = new CoreRegistrationFixture() {
        @Override
        public String name() {
            return "nativewatch-core-windows-jvm";
        }

        @Override
        Backend backend() {
            WindowsJvm.require();
            return new WindowsBackend();
        }

        @Override
        public Map<String, String> expectedDeviations() {
            Map<String, String> deviations = new TreeMap<>(NativeWatchDeclarations.deviations("windows"));
            deviations.putAll(WindowsJvm.wineDeviations());
            return deviations;
        }

        @Override
        Map<String, String> backendNotApplicable() {
            return WindowsJvm.notApplicable(NativeWatchDeclarations.notApplicable("windows"));
        }
    };

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
