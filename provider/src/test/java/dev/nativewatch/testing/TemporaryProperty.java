package dev.nativewatch.testing;

/**
 * A system property set for the length of a test and put back as it was on close: the build sets some of them
 * (the polling interval) for every test JVM, so clearing them afterwards would change later tests.
 */
public final class TemporaryProperty implements AutoCloseable {

    private final String name;
    private final String previous;

    private TemporaryProperty(String name, String previous) {
        this.name = name;
        this.previous = previous;
    }

    /** Sets {@code name} to {@code value} until the returned object is closed. */
    public static TemporaryProperty set(String name, String value) {
        return new TemporaryProperty(name, System.setProperty(name, value));
    }

    @Override
    public void close() {
        if (previous == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, previous);
        }
    }
}
