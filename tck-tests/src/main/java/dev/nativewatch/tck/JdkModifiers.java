package dev.nativewatch.tck;

import java.nio.file.WatchEvent;
import java.util.List;

/**
 * The JDK's own modifiers, from {@code jdk.unsupported}. They are looked up by name: the sensitivity modifiers
 * are deprecated for removal, and the module may be absent.
 */
final class JdkModifiers {

    private JdkModifiers() {
    }

    /** @return {@code com.sun.nio.file.ExtendedWatchEventModifier.FILE_TREE} */
    static WatchEvent.Modifier fileTree() {
        return constants("com.sun.nio.file.ExtendedWatchEventModifier").stream()
                .filter(m -> m.name().equals("FILE_TREE"))
                .findFirst()
                .orElseThrow();
    }

    /** @return the constants of {@code com.sun.nio.file.SensitivityWatchEventModifier} */
    static List<WatchEvent.Modifier> sensitivities() {
        return constants("com.sun.nio.file.SensitivityWatchEventModifier");
    }

    private static List<WatchEvent.Modifier> constants(String className) {
        try {
            Object[] constants = Class.forName(className).getEnumConstants();
            return java.util.Arrays.stream(constants).map(WatchEvent.Modifier.class::cast).toList();
        } catch (ClassNotFoundException e) {
            throw new org.opentest4j.TestAbortedException(className + " is not available in this JVM");
        }
    }
}
