package dev.nativewatch.tck;

import dev.nativewatch.backend.Backend;
import dev.nativewatch.core.NativeWatchService;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backend behind nativewatch's core, without the spi layer: directories are plain JDK paths, and registration
 * goes through {@link NativeWatchService#register} directly, so a key's watchable is that path. This isolates the
 * core and the backend from the delegating provider that {@link NativeWatchPathFixture} adds.
 */
abstract class CoreRegistrationFixture implements WatchServiceFixture {

    /** @return the backend of a new service */
    abstract Backend backend() throws IOException;

    /** @return the checks that do not apply to this backend, besides those of {@code Path.register} */
    abstract Map<String, String> backendNotApplicable();

    @Override
    public WatchService newWatchService() throws IOException {
        return new NativeWatchService(backend(), FileSystems.getDefault(), relative -> relative);
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
    public final Map<String, String> notApplicable() {
        String throughCore = "this fixture registers through the core, not through a Path; "
                + "nativewatch-path checks Path.register";
        Map<String, String> notApplicable = new TreeMap<>(backendNotApplicable());
        notApplicable.put("Registration.nullWatcherIsNpe", throughCore);
        notApplicable.put("Registration.foreignWatcherIsProviderMismatch", throughCore);
        return notApplicable;
    }
}
