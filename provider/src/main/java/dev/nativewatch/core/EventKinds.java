package dev.nativewatch.core;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.backend.Change;

import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The event kinds a registration may name, their validation, and the change classes each one needs. */
final class EventKinds {

    private static final List<WatchEvent.Kind<?>> SUPPORTED = List.of(
            StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.OVERFLOW,
            ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO, ExtendedKinds.ENTRY_ATTRIBUTES,
            ExtendedKinds.ENTRY_SIZE, ExtendedKinds.ENTRY_LAST_WRITE, ExtendedKinds.ENTRY_LAST_ACCESS,
            ExtendedKinds.ENTRY_CREATION_TIME, ExtendedKinds.ENTRY_SECURITY);

    private EventKinds() {
    }

    /**
     * Checks the kinds of a registration as the JDK does, in the JDK's order.
     *
     * @return the registered kinds without OVERFLOW, which every key receives anyway
     * @throws NullPointerException          if the array or an element is null
     * @throws UnsupportedOperationException if a kind is not one nativewatch knows
     * @throws IllegalArgumentException      if no kind other than OVERFLOW is left
     */
    static Set<WatchEvent.Kind<?>> validate(WatchEvent.Kind<?>[] kinds) {
        if (kinds == null) {
            throw new NullPointerException("events");
        }
        Set<WatchEvent.Kind<?>> accepted = new LinkedHashSet<>();
        for (WatchEvent.Kind<?> kind : kinds) {
            if (kind == null) {
                throw new NullPointerException("An element in event set is 'null'");
            }
            if (!SUPPORTED.contains(kind)) {
                throw new UnsupportedOperationException(kind.name());
            }
            if (kind != StandardWatchEventKinds.OVERFLOW) {
                accepted.add(kind);
            }
        }
        if (accepted.isEmpty()) {
            throw new IllegalArgumentException("No events to register");
        }
        return Collections.unmodifiableSet(accepted);
    }

    /** @return the change classes a backend must observe to produce the given kinds */
    static Set<Change> changesFor(Set<WatchEvent.Kind<?>> kinds) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        for (WatchEvent.Kind<?> kind : kinds) {
            if (kind == StandardWatchEventKinds.ENTRY_CREATE || kind == ExtendedKinds.ENTRY_RENAME_TO) {
                changes.add(Change.CREATED);
            } else if (kind == StandardWatchEventKinds.ENTRY_DELETE || kind == ExtendedKinds.ENTRY_RENAME_FROM) {
                changes.add(Change.DELETED);
            } else if (kind == StandardWatchEventKinds.ENTRY_MODIFY) {
                // The JDK's modify: every modify class except last-access, which reads would trigger.
                changes.addAll(EnumSet.of(Change.MODIFIED, Change.ATTRIBUTES, Change.SIZE, Change.LAST_WRITE,
                        Change.CREATION_TIME, Change.SECURITY));
            } else {
                changes.add(changeOf(kind));
            }
        }
        return changes;
    }

    /** @return the modify classes registered under their own (extended) kind */
    static Set<Change> distinctChangesFor(Set<WatchEvent.Kind<?>> kinds) {
        Set<Change> changes = EnumSet.noneOf(Change.class);
        for (WatchEvent.Kind<?> kind : kinds) {
            if (isExtendedModifyKind(kind)) {
                changes.add(changeOf(kind));
            }
        }
        return changes;
    }

    private static boolean isExtendedModifyKind(WatchEvent.Kind<?> kind) {
        return kind == ExtendedKinds.ENTRY_ATTRIBUTES || kind == ExtendedKinds.ENTRY_SIZE
                || kind == ExtendedKinds.ENTRY_LAST_WRITE || kind == ExtendedKinds.ENTRY_LAST_ACCESS
                || kind == ExtendedKinds.ENTRY_CREATION_TIME || kind == ExtendedKinds.ENTRY_SECURITY;
    }

    /** @return the change class an extended modify-class kind stands for */
    private static Change changeOf(WatchEvent.Kind<?> kind) {
        if (kind == ExtendedKinds.ENTRY_ATTRIBUTES) {
            return Change.ATTRIBUTES;
        } else if (kind == ExtendedKinds.ENTRY_SIZE) {
            return Change.SIZE;
        } else if (kind == ExtendedKinds.ENTRY_LAST_WRITE) {
            return Change.LAST_WRITE;
        } else if (kind == ExtendedKinds.ENTRY_LAST_ACCESS) {
            return Change.LAST_ACCESS;
        } else if (kind == ExtendedKinds.ENTRY_CREATION_TIME) {
            return Change.CREATION_TIME;
        } else if (kind == ExtendedKinds.ENTRY_SECURITY) {
            return Change.SECURITY;
        }
        throw new IllegalArgumentException("not an extended modify-class kind: " + kind);
    }

    /** @return the extended kind that reports a modify-class change under its own name, or null for MODIFIED */
    static WatchEvent.Kind<java.nio.file.Path> extendedKindOf(Change change) {
        return switch (change) {
            case ATTRIBUTES -> ExtendedKinds.ENTRY_ATTRIBUTES;
            case SIZE -> ExtendedKinds.ENTRY_SIZE;
            case LAST_WRITE -> ExtendedKinds.ENTRY_LAST_WRITE;
            case LAST_ACCESS -> ExtendedKinds.ENTRY_LAST_ACCESS;
            case CREATION_TIME -> ExtendedKinds.ENTRY_CREATION_TIME;
            case SECURITY -> ExtendedKinds.ENTRY_SECURITY;
            case MODIFIED, CREATED, DELETED -> null;
        };
    }
}
