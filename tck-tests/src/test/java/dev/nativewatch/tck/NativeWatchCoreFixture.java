package dev.nativewatch.tck;

import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.core.NativeWatchService;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;

/**
 * nativewatch's core on the polling backend, without the spi layer: the directory is a plain JDK path, and
 * registration goes through {@link NativeWatchService#register} directly, so the key's watchable is that path.
 * This isolates the core and the backend from the delegating provider that {@link NativeWatchPathFixture} adds.
 */
class NativeWatchCoreFixture implements WatchServiceFixture {

    static final Duration INTERVAL = Duration.ofMillis(50);

    @Override
    public String name() {
        return "nativewatch-core-polling";
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return new NativeWatchService(new PollingBackend(INTERVAL), FileSystems.getDefault(), relative -> relative);
    }

    @Override
    public Path newDirectory() throws IOException {
        return TempDirectories.newDirectory();
    }

    @Override
    public WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                             WatchEvent.Modifier... modifiers) throws IOException {
        return ((NativeWatchService) service).register(directory, directory, kinds, modifiers);
    }

    @Override
    public Extensions extensions() {
        return NativeWatchDeclarations.extensions();
    }

    @Override
    public Map<String, String> expectedDeviations() {
        return NativeWatchDeclarations.deviations("polling");
    }

    @Override
    public Map<String, String> notApplicable() {
        String throughCore = "this fixture registers through the core, not through a Path; "
                + "nativewatch-path checks Path.register";
        return Map.of(
                "Registration.nullWatcherIsNpe", throughCore,
                "Registration.foreignWatcherIsProviderMismatch", throughCore,
                "EventDelivery.eventsArriveInTheOrderOfTheChanges",
                "a poller reports the changes one scan finds in the order of the directory listing");
    }

    @Override
    public Duration quietPeriod() {
        return INTERVAL.multipliedBy(10);
    }
}
