package dev.nativewatch.cli;

import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.core.NativeWatchService;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The command's seam wired straight to the core on the polling backend, which needs no front door. Keeps the
 * services it made, so tests can see that they were closed or never made.
 */
final class PollingWatcherFactory implements WatcherFactory {

    final List<NativeWatchService> services = new CopyOnWriteArrayList<>();
    /** The backends the command asked for with --backend. */
    final List<String> backendsAsked = new CopyOnWriteArrayList<>();

    @Override
    public WatcherFactory withBackend(String name) {
        backendsAsked.add(name);
        return this;
    }

    @Override
    public WatchService newWatchService() throws IOException {
        NativeWatchService service = new NativeWatchService(new PollingBackend(), FileSystems.getDefault(), rel -> rel);
        services.add(service);
        return service;
    }

    @Override
    public WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                             WatchEvent.Modifier... modifiers) throws IOException {
        return ((NativeWatchService) service).register(directory, directory, kinds, modifiers);
    }

    @Override
    public String backend() {
        return "polling";
    }
}
