package dev.nativewatch.tck;

import org.junit.jupiter.api.Nested;

import java.io.IOException;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.TreeMap;

/** nativewatch through its spi ({@code NativeWatch.path}) on a Windows JVM under Wine, on the JNA adapter. */
class NativeWatchPathWindowsJvmTck {

    static final WatchServiceFixture FIXTURE = new NativeWatchPathFixture() {
        @Override
        public String name() {
            return "nativewatch-path-windows-jvm";
        }

        @Override
        public WatchService newWatchService() throws IOException {
            WindowsJvm.require();
            return super.newWatchService();
        }

        @Override
        public Map<String, String> expectedDeviations() {
            Map<String, String> deviations = new TreeMap<>(super.expectedDeviations());
            deviations.putAll(WindowsJvm.wineDeviations());
            return deviations;
        }

        @Override
        public Map<String, String> notApplicable() {
            return WindowsJvm.notApplicable(super.notApplicable());
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
