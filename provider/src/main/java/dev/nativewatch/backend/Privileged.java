package dev.nativewatch.backend;

import java.io.IOException;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.function.Supplier;

/**
 * What the provider does on its own behalf, not the caller's, under a SecurityManager (JDK 17 to 23): reading its
 * own system properties, loading JNA and the C library, starting its threads. As the JDK's own watch services do,
 * these run with the provider's permissions, while the caller's are checked where the caller asks for something
 * (registering a directory). Without a SecurityManager each call simply runs.
 */
@SuppressWarnings("removal") // AccessController and SecurityManager: deprecated for removal, still honoured by 17-23.
public final class Privileged {

    private Privileged() {
    }

    /** @return the system property, read with the provider's permissions */
    public static String property(String name) {
        return run(() -> System.getProperty(name));
    }

    /** @return what {@code action} returns, run with the provider's permissions */
    public static <T> T run(Supplier<T> action) {
        if (System.getSecurityManager() == null) {
            return action.get();
        }
        return AccessController.doPrivileged((PrivilegedAction<T>) action::get);
    }

    /** An action that may fail with an {@link IOException}. */
    @FunctionalInterface
    public interface IoAction<T> {
        T run() throws IOException;
    }

    /** @return what {@code action} returns, run with the provider's permissions */
    public static <T> T call(IoAction<T> action) throws IOException {
        if (System.getSecurityManager() == null) {
            return action.run();
        }
        try {
            return AccessController.doPrivileged((PrivilegedExceptionAction<T>) action::run);
        } catch (PrivilegedActionException e) {
            throw (IOException) e.getException();
        }
    }
}
