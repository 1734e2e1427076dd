package dev.nativewatch.backend;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one warning a JVM logs when the platform's native backend cannot run and watch services fall back to the
 * next one: a fallback to polling changes latency from milliseconds to seconds, so it must never happen silently,
 * but a process that opens many services needs to read it only once. The reason names the fix (a JVM option, a
 * JNA version).
 */
final class MissingBackendWarning {

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private MissingBackendWarning() {
    }

    static void once(String backend, String reason) {
        if (WARNED.add(backend)) {
            LOG.log(System.Logger.Level.WARNING, "nativewatch: the " + backend + " backend is unavailable, so"
                    + " watch services fall back to the next backend (polling scans every 2 s by default): "
                    + reason);
        }
    }
}
