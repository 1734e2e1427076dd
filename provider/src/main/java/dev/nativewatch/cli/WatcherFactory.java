package dev.nativewatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/** Where the command gets its watch service and registers its directories. */
interface WatcherFactory {

    /** @return a new, open watch service */
    WatchService newWatchService() throws IOException;

    /** Registers {@code directory}, a path of the default file system, with a service this factory made. */
    WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                      WatchEvent.Modifier... modifiers) throws IOException;

    /** @return the backend that new services use, for the user */
    String backend() throws IOException;

    /**
     * @param name a backend's name, such as {@code polling}
     * @return a factory whose services use that backend only; a service cannot be made if it is unavailable
     */
    WatcherFactory withBackend(String name);

    /** @return the production factory: nativewatch on the default file system */
    static WatcherFactory nativeWatch() {
        return new NativeWatchFactory();
    }
}
