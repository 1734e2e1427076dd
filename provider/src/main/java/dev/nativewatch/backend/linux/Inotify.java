package dev.nativewatch.backend.linux;

import com.sun.jna.Native;
import dev.nativewatch.backend.JnaSupport;
import dev.nativewatch.backend.Privileged;

import java.util.Optional;

/**
 * Whether inotify can be used in this JVM, probed once: the OS is Linux, the JVM is 64-bit (the backend's C calls
 * pass sizes as 64-bit integers), JNA loads with the C library, and an inotify instance can be created (a container
 * or seccomp profile may forbid it). Where it cannot, the backend reports itself unavailable and new services use
 * the next backend, polling.
 */
public final class Inotify {

    /** Probed with the provider's permissions: loading JNA and the C library is the provider's doing. */
    private static final Throwable UNAVAILABILITY_CAUSE = Privileged.run(Inotify::probe);

    private Inotify() {
    }

    /** @return whether the inotify backend can run here */
    public static boolean isAvailable() {
        return UNAVAILABILITY_CAUSE == null;
    }

    /** @return why the inotify backend cannot run here, or null when it can */
    public static Throwable unavailabilityCause() {
        return UNAVAILABILITY_CAUSE;
    }

    /** @throws UnsupportedOperationException with the cause, if the inotify backend cannot run here */
    public static void ensureAvailability() {
        if (UNAVAILABILITY_CAUSE != null) {
            throw (UnsupportedOperationException) new UnsupportedOperationException(
                    "inotify is unavailable: " + reason(UNAVAILABILITY_CAUSE)).initCause(UNAVAILABILITY_CAUSE);
        }
    }

    static Optional<String> unavailabilityReason() {
        return Optional.ofNullable(UNAVAILABILITY_CAUSE).map(Inotify::reason);
    }

    private static String reason(Throwable cause) {
        return cause instanceof UnsupportedOperationException && cause.getMessage() != null
                ? cause.getMessage() : cause.toString();
    }

    /** @return whether this is Linux, where inotify is the backend to expect */
    static boolean isLinux() {
        String os = Privileged.property("os.name");
        return os != null && os.startsWith("Linux");
    }

    private static Throwable probe() {
        if (!isLinux()) {
            return new UnsupportedOperationException("inotify exists only on Linux, not on "
                    + Privileged.property("os.name"));
        }
        // Before anything touches JNA: an old JNA would load, and fail only later, on the poller thread.
        Optional<String> jnaProblem = JnaSupport.problem();
        if (jnaProblem.isPresent()) {
            return new UnsupportedOperationException(jnaProblem.get());
        }
        try {
            if (!LibC.HAS_64_BIT_SIZES) {
                return new UnsupportedOperationException("the inotify backend needs a 64-bit JVM; this one has "
                        + Native.SIZE_T_SIZE * 8 + "-bit size_t and " + Native.LONG_SIZE * 8
                        + "-bit long; run a 64-bit JVM");
            }
            InotifyApi api = JnaInotifyApi.INSTANCE;
            api.close(api.inotifyInit());
            return null;
        } catch (Exception | LinkageError e) {
            return new UnsupportedOperationException(JnaSupport.explain(e), e);
        }
    }
}
