package dev.nativewatch.tck;

import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;

/**
 * nativewatch as an installed provider, used as its documentation says: {@link NativeWatch#newWatchService()} and
 * {@link NativeWatch#path(Path)}, registered with plain {@code Path.register}, on whichever backend this JVM
 * selects (named in the report's column).
 */
class NativeWatchPathFixture implements WatchServiceFixture {

    private final String backend = NativeWatchDeclarations.backend();

    @Override
    public String name() {
        return "nativewatch-path-" + backend;
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return NativeWatch.newWatchService();
    }

    @Override
    public Path newDirectory() throws IOException {
        return NativeWatch.path(TempDirectories.newDirectory());
    }

    @Override
    public Extensions extensions() {
        return NativeWatchDeclarations.extensions();
    }

    @Override
    public Map<String, String> expectedDeviations() {
        return NativeWatchDeclarations.deviations(backend);
    }

    @Override
    public Map<String, String> notApplicable() {
        return NativeWatchDeclarations.notApplicable(backend);
    }

    @Override
    public Duration quietPeriod() {
        return NativeWatchDeclarations.quietPeriod(backend);
    }
}
