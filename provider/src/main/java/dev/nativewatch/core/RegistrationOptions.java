package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.Exclusions;

import java.nio.file.FileSystem;
import java.nio.file.PathMatcher;
import java.nio.file.WatchEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The modifiers of one registration, checked and parsed.
 *
 * @param subtree          {@link ExtendedModifiers#SUBTREE} or {@code FILE_TREE}
 * @param rescanOnOverflow {@link ExtendedModifiers#RESCAN_ON_OVERFLOW}
 * @param bufferSize       {@link ExtendedModifiers#bufferSize(int)}
 * @param pollInterval     a {@code SensitivityWatchEventModifier}'s interval
 * @param exclusions       every {@link ExtendedModifiers#exclude} modifier, together
 */
record RegistrationOptions(boolean subtree, boolean rescanOnOverflow, OptionalInt bufferSize,
                           Optional<Duration> pollInterval, Exclusions exclusions) {

    /*
     * The JDK's own modifiers live in jdk.unsupported, and SensitivityWatchEventModifier is deprecated for
     * removal; they are recognised by class and constant name so that their absence cannot break this class.
     */
    private static final String FILE_TREE_CLASS = "com.sun.nio.file.ExtendedWatchEventModifier";
    private static final String SENSITIVITY_CLASS = "com.sun.nio.file.SensitivityWatchEventModifier";

    /**
     * @throws NullPointerException          if the array or an element is null
     * @param fileSystem the file system of the directory, whose glob syntax exclusions use
     * @throws UnsupportedOperationException if a modifier is not one nativewatch knows
     */
    static RegistrationOptions parse(WatchEvent.Modifier[] modifiers, FileSystem fileSystem) {
        Objects.requireNonNull(modifiers, "modifiers");
        boolean subtree = false;
        boolean rescan = false;
        OptionalInt bufferSize = OptionalInt.empty();
        Optional<Duration> pollInterval = Optional.empty();
        List<String> globs = new ArrayList<>();
        List<PathMatcher> matchers = new ArrayList<>();
        for (WatchEvent.Modifier modifier : modifiers) {
            Objects.requireNonNull(modifier, "An element in modifier set is 'null'");
            if (modifier == ExtendedModifiers.SUBTREE || isJdkConstant(modifier, FILE_TREE_CLASS, "FILE_TREE")) {
                subtree = true;
            } else if (modifier == ExtendedModifiers.RESCAN_ON_OVERFLOW) {
                rescan = true;
            } else if (modifier instanceof ExtendedModifiers.BufferSize size) {
                bufferSize = OptionalInt.of(size.bytes());
            } else if (modifier instanceof ExtendedModifiers.Exclude exclude) {
                globs.addAll(exclude.globs());
                exclude.matcher().ifPresent(matchers::add);
            } else if (isJdkConstant(modifier, SENSITIVITY_CLASS, null)) {
                pollInterval = Optional.of(sensitivityInterval(modifier.name()));
            } else {
                throw new UnsupportedOperationException("Modifier not supported: " + modifier.name());
            }
        }
        return new RegistrationOptions(subtree, rescan, bufferSize, pollInterval,
                Exclusions.of(globs, matchers, fileSystem));
    }

    private static boolean isJdkConstant(WatchEvent.Modifier modifier, String className, String constant) {
        return modifier instanceof Enum<?> e && e.getDeclaringClass().getName().equals(className)
                && (constant == null || e.name().equals(constant));
    }

    /** The intervals the JDK's polling service gives these sensitivities. */
    private static Duration sensitivityInterval(String name) {
        return switch (name) {
            case "HIGH" -> Duration.ofSeconds(2);
            case "MEDIUM" -> Duration.ofSeconds(10);
            case "LOW" -> Duration.ofSeconds(30);
            default -> throw new UnsupportedOperationException("Modifier not supported: " + name);
        };
    }
}
