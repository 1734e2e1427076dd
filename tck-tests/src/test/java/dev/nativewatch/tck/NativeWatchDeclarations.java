package dev.nativewatch.tck;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** What every nativewatch fixture claims, and what it is known to do differently, per backend. */
final class NativeWatchDeclarations {

    /** The polling interval the build sets with {@code -Ddev.nativewatch.polling.intervalMillis}. */
    static final Duration POLLING_INTERVAL = Duration.ofMillis(
            Long.getLong("dev.nativewatch.polling.intervalMillis", 50));

    private NativeWatchDeclarations() {
    }

    /** @return every feature: subtree, rescan on overflow, the rename pair and every change-class kind */
    static Extensions extensions() {
        return Extensions.none()
                .withSubtree(ExtendedModifiers.SUBTREE)
                .withRescanOnOverflow(ExtendedModifiers.RESCAN_ON_OVERFLOW)
                .withExclusion(ExtendedModifiers::exclude)
                .withKind(ExtendedKind.RENAME_FROM, ExtendedKinds.ENTRY_RENAME_FROM)
                .withKind(ExtendedKind.RENAME_TO, ExtendedKinds.ENTRY_RENAME_TO)
                .withKind(ExtendedKind.ATTRIBUTES, ExtendedKinds.ENTRY_ATTRIBUTES)
                .withKind(ExtendedKind.SIZE, ExtendedKinds.ENTRY_SIZE)
                .withKind(ExtendedKind.LAST_WRITE, ExtendedKinds.ENTRY_LAST_WRITE)
                .withKind(ExtendedKind.LAST_ACCESS, ExtendedKinds.ENTRY_LAST_ACCESS)
                .withKind(ExtendedKind.CREATION_TIME, ExtendedKinds.ENTRY_CREATION_TIME)
                .withKind(ExtendedKind.SECURITY, ExtendedKinds.ENTRY_SECURITY);
    }

    /** @return the backend {@link NativeWatch#newWatchService()} uses in this JVM */
    static String backend() {
        try {
            return NativeWatch.backend().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the deviations of nativewatch on {@code backend}. The JDK-LINUX checks are n/a elsewhere; the
     *         differential's scripts are declared only where its reference is the JDK on Linux, since the JDK on
     *         Windows reports neither a set access time nor less than MODIFY sub, as a poller does.
     */
    static Map<String, String> deviations(String backend) {
        Map<String, String> deviations = new TreeMap<>();
        boolean linux = Platform.host() == Platform.LINUX;
        if (backend.equals("polling")) {
            String lastAccess = "by design: a poller cannot tell an access-time change that was set from one that "
                    + "a read made, so it reports neither as MODIFY; the JDK on Linux reports the set one (IN_ATTRIB)";
            deviations.put("EventDelivery.settingTheAccessTimeIsModify", lastAccess);
            String subdirectory = "a poller sees the subdirectory's own modification time change and reports "
                    + "MODIFY sub (as ReadDirectoryChangesW does); inotify reports nothing";
            deviations.put("EventDelivery.changesInsideASubdirectoryAreNotReported", subdirectory);
            if (linux) {
                deviations.put("Differential.matchesTheJdk[touch-a]", lastAccess);
                deviations.put("Differential.matchesTheJdk[inside-subdirectory]", subdirectory);
            }
            deviations.put("KeyLifecycle.renamingTheDirectoryKeepsTheKeyValid",
                    "a poller watches the path: the directory renamed away is gone, and its key invalidated");
        }
        return deviations;
    }

    /** @return the checks that do not apply to nativewatch on {@code backend}, with the reason */
    static Map<String, String> notApplicable(String backend) {
        return backend.equals("polling")
                ? Map.of("EventDelivery.eventsArriveInTheOrderOfTheChanges",
                        "a poller reports the changes one scan finds in the order of the directory listing")
                : Map.of();
    }

    /** @return how long the backend may take to report a change */
    static Duration quietPeriod(String backend) {
        return backend.equals("polling") ? POLLING_INTERVAL.multipliedBy(10) : Duration.ofMillis(500);
    }
}
