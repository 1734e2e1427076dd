package dev.nativewatch.cli;

import dev.nativewatch.NativeWatch;
import dev.nativewatch.backend.Backends;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** Watch services from the front door, {@link NativeWatch}. */
final class NativeWatchFactory implements WatcherFactory {

    private final String backend;

    NativeWatchFactory() {
        this(null);
    }

    /** @param backend the backend to force, or null for the best available */
    private NativeWatchFactory(String backend) {
        this.backend = backend;
    }

    @Override
    public WatchService newWatchService() throws IOException {
        if (backend != null) {
            // The command owns its process, so the selection property is the simplest seam to use.
            System.setProperty(Backends.PROPERTY, backend);
        }
        return NativeWatch.newWatchService();
    }

    @Override
    public WatcherFactory withBackend(String name) {
        return new NativeWatchFactory(name);
    }

    @Override
    public WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                             WatchEvent.Modifier... modifiers) throws IOException {
        return NativeWatch.path(directory).register(service, kinds, modifiers);
    }

    @Override
    public String backend() throws IOException {
        return NativeWatch.backend().toString();
    }
}
