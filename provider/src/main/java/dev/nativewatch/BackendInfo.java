package dev.nativewatch;

import java.util.Map;

/**
 * Which backend {@link NativeWatch#newWatchService()} uses on this machine, and why the others are not used.
 *
 * @param name        the backend in use, such as {@code inotify} or {@code polling}
 * @param unavailable the backends that cannot run here, each with its reason
 */
public record BackendInfo(String name, Map<String, String> unavailable) {

    /**
     * Keeps an unmodifiable copy of the reasons.
     *
     * @param name        the backend in use
     * @param unavailable the backends that cannot run here, each with its reason
     */
    public BackendInfo {
        unavailable = Map.copyOf(unavailable);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(name);
        unavailable.forEach((backend, reason) -> text.append("; ").append(backend).append(" unavailable: ").append(reason));
        return text.toString();
    }
}
