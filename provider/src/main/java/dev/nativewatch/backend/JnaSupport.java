package dev.nativewatch.backend;

import java.util.Optional;

/**
 * Whether the JNA this JVM would use can serve the native backends, and what to do when it cannot. The version
 * check looks at JNA's classes without initialising them, so it works (and names the version) even where JNA's
 * native side cannot load.
 */
public final class JnaSupport {

    /**
     * The oldest JNA the native backends work with: 5.12.0 made {@code com.sun.jna.Memory} {@link AutoCloseable}
     * ({@code Memory.close()}), which they use to free native memory as soon as they are done with it. Compiling
     * the provider against 5.11.0 fails on exactly that; its tests pass on 5.12.0.
     */
    public static final String MINIMUM_VERSION = "5.12.0";

    private static final String MEMORY_CLASS = "com.sun.jna.Memory";

    private JnaSupport() {
    }

    /** @return why the JNA on the class path (or module path) cannot be used, naming the fix; empty if it can */
    public static Optional<String> problem() {
        Class<?> memory;
        try {
            memory = Class.forName(MEMORY_CLASS, false, JnaSupport.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("JNA is not on the class path; add net.java.dev.jna:jna " + MINIMUM_VERSION
                    + " or later");
        }
        if (!AutoCloseable.class.isAssignableFrom(memory)) {
            return Optional.of("JNA " + versionOf(memory) + " is too old (it has no Memory.close()); the native"
                    + " backends need net.java.dev.jna:jna " + MINIMUM_VERSION + " or later");
        }
        return Optional.empty();
    }

    /**
     * @param failure what loading or first calling JNA threw
     * @return the reason to report, with the JVM option that fixes it when the JVM denied native access
     */
    public static String explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Thrown by JDK 22+ when native access is denied (--illegal-native-access=deny, or a module's
            // access not enabled); the class is Java 9's, so this compiles for Java 17.
            if (cause instanceof IllegalCallerException) {
                return "the JVM denies JNA native access (" + cause.getMessage() + "); start it with "
                        + enableNativeAccessOption();
            }
        }
        if (failure instanceof ExceptionInInitializerError && failure.getCause() != null) {
            return failure.getCause().toString();
        }
        return failure.toString();
    }

    /** @return the option that grants JNA native access: its module's name, or ALL-UNNAMED on the class path */
    public static String enableNativeAccessOption() {
        String module = null;
        try {
            module = Class.forName(MEMORY_CLASS, false, JnaSupport.class.getClassLoader()).getModule().getName();
        } catch (ClassNotFoundException | LinkageError e) {
            // No JNA: the option below is what it would need on the class path.
        }
        return "--enable-native-access=" + (module != null ? module : "ALL-UNNAMED");
    }

    private static String versionOf(Class<?> jnaClass) {
        Package jna = jnaClass.getPackage();
        String version = jna != null ? jna.getImplementationVersion() : null;
        if (version == null) {
            return "(version unknown)";
        }
        // JNA's manifest says, for instance, "5.8.0 (b0)".
        int space = version.indexOf(' ');
        return space > 0 ? version.substring(0, space) : version;
    }
}
