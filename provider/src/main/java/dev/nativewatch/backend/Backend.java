package dev.nativewatch.backend;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.Optional;

/** A way of watching directories: a kernel facility, or scanning. */
public interface Backend {

    /** @return a short name, such as {@code inotify} or {@code polling} */
    String name();

    /** @return why this backend cannot run on this machine, or empty when it can; probed once */
    Optional<String> unavailabilityReason();

    /**
     * @return whether this backend is the platform's own facility here (inotify on Linux, say), so that its being
     * unavailable is a misconfiguration to warn about rather than the normal state of things
     */
    default boolean expectedOnThisPlatform() {
        return false;
    }

    /** @return whether this backend can watch directories of the given file system */
    boolean supports(FileSystem fileSystem);

    /** Creates the engine of one watch service. */
    WatchEngine newEngine(FileSystem fileSystem) throws IOException;
}
