package dev.nativewatch.cli;

import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** Watch services from the front door, {@link NativeWatch}. */
final class NativeWatchFactory implements WatcherFactory {

    @Override
    public WatchService newWatchService() throws IOException {
        return NativeWatch.newWatchService();
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
