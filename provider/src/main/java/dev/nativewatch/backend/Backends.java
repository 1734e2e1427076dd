package dev.nativewatch.backend;

import dev.nativewatch.backend.linux.InotifyBackend;
import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.backend.windows.WindowsBackend;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the backend of a new watch service: the first available backend that supports the file system, in
 * order of preference (native facilities first, polling last), unless a system property names one.
 */
public final class Backends {

    /** Set to a backend's name (such as {@code polling}) to use that backend and no other. */
    public static final String PROPERTY = "dev.nativewatch.backend";

    private static final List<Backend> PREFERENCE =
            List.of(new WindowsBackend(), new InotifyBackend(), new PollingBackend());

    private Backends() {
    }

    /**
     * @return the backend for a new service on {@code fileSystem}
     * @throws IOException if the backend named by {@link #PROPERTY} is unknown, unavailable, or does not support
     *                     the file system
     */
    public static Backend select(FileSystem fileSystem) throws IOException {
        String forced = Privileged.property(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            Backend backend = PREFERENCE.stream().filter(b -> b.name().equals(forced.trim())).findFirst()
                    .orElseThrow(() -> new IOException("-D" + PROPERTY + "=" + forced + " names no backend; known: "
                            + PREFERENCE.stream().map(Backend::name).toList()));
            Optional<String> reason = backend.unavailabilityReason();
            if (reason.isPresent()) {
                throw new IOException("backend " + backend.name() + " is unavailable: " + reason.get());
            }
            if (!backend.supports(fileSystem)) {
                throw new IOException("backend " + backend.name() + " cannot watch " + fileSystem);
            }
            return backend;
        }
        for (Backend backend : PREFERENCE) {
            Optional<String> reason = backend.unavailabilityReason();
            if (reason.isEmpty()) {
                if (backend.supports(fileSystem)) {
                    return backend;
                }
            } else if (backend.expectedOnThisPlatform()) {
                MissingBackendWarning.once(backend.name(), reason.get());
            }
        }
        throw new IOException("no backend can watch " + fileSystem);
    }

    /** @return every backend by name, with the reason it is unavailable, or empty when it is available */
    public static Map<String, Optional<String>> availability() {
        Map<String, Optional<String>> result = new LinkedHashMap<>();
        for (Backend backend : PREFERENCE) {
            result.put(backend.name(), backend.unavailabilityReason());
        }
        return result;
    }
}
