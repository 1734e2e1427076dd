package dev.nativewatch.tck;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The optional features an implementation claims, and the objects a check registers to use them. A feature is
 * claimed by giving what it needs: {@link Feature#SUBTREE} its modifier, {@link Feature#EXTENDED_KINDS} the five
 * change-class kinds, {@link Feature#RENAME_PAIRING} both rename kinds, {@link Feature#SECURITY_EVENTS} the
 * security kind, {@link Feature#RESCAN_ON_OVERFLOW} its modifier.
 */
public final class Extensions {

    private static final Set<ExtendedKind> CHANGE_CLASS_KINDS = EnumSet.of(ExtendedKind.ATTRIBUTES,
            ExtendedKind.SIZE, ExtendedKind.LAST_WRITE, ExtendedKind.LAST_ACCESS, ExtendedKind.CREATION_TIME);

    private final WatchEvent.Modifier subtree;
    private final WatchEvent.Modifier rescanOnOverflow;
    private final Map<ExtendedKind, WatchEvent.Kind<Path>> kinds;
    private final Function<String[], WatchEvent.Modifier> exclusion;

    private Extensions(WatchEvent.Modifier subtree, WatchEvent.Modifier rescanOnOverflow,
                       Map<ExtendedKind, WatchEvent.Kind<Path>> kinds,
                       Function<String[], WatchEvent.Modifier> exclusion) {
        this.subtree = subtree;
        this.rescanOnOverflow = rescanOnOverflow;
        this.kinds = kinds;
        this.exclusion = exclusion;
    }

    /** {@return no optional feature} */
    public static Extensions none() {
        return new Extensions(null, null, Collections.emptyMap(), null);
    }

    /**
     * {@return these extensions, plus a subtree watch selected by {@code modifier}}
     *
     * @param modifier the implementation's modifier that watches a whole tree
     */
    public Extensions withSubtree(WatchEvent.Modifier modifier) {
        return new Extensions(Objects.requireNonNull(modifier), rescanOnOverflow, kinds, exclusion);
    }

    /**
     * {@return these extensions, plus rescan-on-overflow selected by {@code modifier}}
     *
     * @param modifier the implementation's modifier that rescans after an overflow
     */
    public Extensions withRescanOnOverflow(WatchEvent.Modifier modifier) {
        return new Extensions(subtree, Objects.requireNonNull(modifier), kinds, exclusion);
    }

    /**
     * {@return these extensions, plus {@code kind} as the implementation's object for {@code which}}
     *
     * @param which the extended kind the suite provokes
     * @param kind  the implementation's kind object that reports it
     */
    public Extensions withKind(ExtendedKind which, WatchEvent.Kind<Path> kind) {
        Map<ExtendedKind, WatchEvent.Kind<Path>> more = new EnumMap<>(ExtendedKind.class);
        more.putAll(kinds);
        more.put(which, Objects.requireNonNull(kind));
        return new Extensions(subtree, rescanOnOverflow, Collections.unmodifiableMap(more), exclusion);
    }

    /**
     * {@return these extensions, plus exclusion}
     *
     * @param factory makes the implementation's modifier that excludes the globs it is given
     */
    public Extensions withExclusion(Function<String[], WatchEvent.Modifier> factory) {
        return new Extensions(subtree, rescanOnOverflow, kinds, Objects.requireNonNull(factory));
    }

    /**
     * {@return the modifier that excludes {@code globs}}
     *
     * @param globs glob patterns, relative to the registered directory
     * @throws IllegalStateException if exclusion is not claimed
     */
    public WatchEvent.Modifier exclude(String... globs) {
        return required(exclusion, Feature.EXCLUSION).apply(globs);
    }

    /**
     * {@return whether everything {@code feature} needs was given}
     *
     * @param feature an optional feature
     */
    public boolean claims(Feature feature) {
        return switch (feature) {
            case SUBTREE -> subtree != null;
            case RESCAN_ON_OVERFLOW -> rescanOnOverflow != null;
            case EXTENDED_KINDS -> kinds.keySet().containsAll(CHANGE_CLASS_KINDS);
            case RENAME_PAIRING -> kinds.containsKey(ExtendedKind.RENAME_FROM) && kinds.containsKey(ExtendedKind.RENAME_TO);
            case SECURITY_EVENTS -> kinds.containsKey(ExtendedKind.SECURITY);
            case EXCLUSION -> exclusion != null;
        };
    }

    /**
     * {@return the modifier that selects a subtree watch}
     *
     * @throws IllegalStateException if no subtree modifier was given
     */
    public WatchEvent.Modifier subtree() {
        return required(subtree, Feature.SUBTREE);
    }

    /**
     * {@return the modifier that selects rescan-on-overflow}
     *
     * @throws IllegalStateException if no rescan-on-overflow modifier was given
     */
    public WatchEvent.Modifier rescanOnOverflow() {
        return required(rescanOnOverflow, Feature.RESCAN_ON_OVERFLOW);
    }

    /**
     * {@return the implementation's kind object for {@code which}}
     *
     * @param which an extended kind
     * @throws IllegalStateException if no kind was given for {@code which}
     */
    public WatchEvent.Kind<Path> kind(ExtendedKind which) {
        WatchEvent.Kind<Path> kind = kinds.get(which);
        if (kind == null) {
            throw new IllegalStateException("no kind given for " + which);
        }
        return kind;
    }

    private static <T> T required(T value, Feature feature) {
        if (value == null) {
            throw new IllegalStateException(feature + " is not claimed");
        }
        return value;
    }
}
