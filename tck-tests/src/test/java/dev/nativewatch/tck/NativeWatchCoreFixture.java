package dev.nativewatch.tck;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.polling.PollingBackend;
import dev.nativewatch.core.NativeWatchService;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;

/**
 * nativewatch's core on the polling backend, scanning every 50 ms. JDK paths cannot register with a foreign
 * service, so until {@code NativeWatch.path} exists the directory is a plain JDK path and registration goes
 * through the core directly; the key's watchable is that path.
 */
class NativeWatchPollingFixture implements WatchServiceFixture {

    static final Duration INTERVAL = Duration.ofMillis(50);

    @Override
    public String name() {
        return "nativewatch-polling";
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return new NativeWatchService(new PollingBackend(INTERVAL), FileSystems.getDefault(), relative -> relative);
    }

    @Override
    public Path newDirectory() throws IOException {
        return TempDirectories.newDirectory();
    }

    @Override
    public WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                             WatchEvent.Modifier... modifiers) throws IOException {
        return ((NativeWatchService) service).register(directory, directory, kinds, modifiers);
    }

    @Override
    public Extensions extensions() {
        return Extensions.none()
                .withSubtree(ExtendedModifiers.SUBTREE)
                .withRescanOnOverflow(ExtendedModifiers.RESCAN_ON_OVERFLOW)
                .withKind(ExtendedKind.RENAME_FROM, ExtendedKinds.ENTRY_RENAME_FROM)
                .withKind(ExtendedKind.RENAME_TO, ExtendedKinds.ENTRY_RENAME_TO)
                .withKind(ExtendedKind.ATTRIBUTES, ExtendedKinds.ENTRY_ATTRIBUTES)
                .withKind(ExtendedKind.SIZE, ExtendedKinds.ENTRY_SIZE)
                .withKind(ExtendedKind.LAST_WRITE, ExtendedKinds.ENTRY_LAST_WRITE)
                .withKind(ExtendedKind.LAST_ACCESS, ExtendedKinds.ENTRY_LAST_ACCESS)
                .withKind(ExtendedKind.CREATION_TIME, ExtendedKinds.ENTRY_CREATION_TIME)
                .withKind(ExtendedKind.SECURITY, ExtendedKinds.ENTRY_SECURITY);
    }

    @Override
    public Map<String, String> expectedDeviations() {
        String subdirectory = "a poller sees the subdirectory's own modification time change and reports "
                + "MODIFY sub (as ReadDirectoryChangesW does); inotify reports nothing";
        String lastAccess = "by design: a last-access change is only ENTRY_LAST_ACCESS, and only when registered; "
                + "the JDK on Linux reports an explicit access-time change (IN_ATTRIB) as MODIFY";
        return Map.of(
                "EventDelivery.changesInsideASubdirectoryAreNotReported", subdirectory,
                "Differential.matchesTheJdk[inside-subdirectory]", subdirectory,
                "EventDelivery.settingTheAccessTimeIsModify", lastAccess,
                "Differential.matchesTheJdk[touch-a]", lastAccess,
                "KeyLifecycle.renamingTheDirectoryKeepsTheKeyValid",
                "a poller watches the path: the directory renamed away is gone, and its key invalidated",
                "Differential.matchesTheJdk[symlink]",
                "defect: with MODIFY registered, the scan reads each entry's DOS attributes (the Linux default file "
                        + "system offers the dos view); for a symbolic link that fails (ELOOP) and the link is "
                        + "left out of every scan, so its creation and deletion are never reported");
    }

    @Override
    public Map<String, String> notApplicable() {
        String throughCore = "this fixture registers through the core, not through a Path, whose own checks "
                + "arrive with NativeWatch.path";
        return Map.of(
                "Registration.nullWatcherIsNpe", throughCore,
                "Registration.foreignWatcherIsProviderMismatch", throughCore,
                "EventDelivery.eventsArriveInTheOrderOfTheChanges",
                "a poller reports the changes one scan finds in the order of the directory listing");
    }

    @Override
    public Duration quietPeriod() {
        return INTERVAL.multipliedBy(10);
    }
}
