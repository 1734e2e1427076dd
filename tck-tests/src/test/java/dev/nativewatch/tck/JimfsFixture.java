package dev.nativewatch.tck;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.google.common.jimfs.WatchServiceConfiguration;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * jimfs 1.3 with a Unix configuration, POSIX attributes and its polling watch service every 10 ms (its default
 * is every 5 seconds). Its deviations from the JDK's contract are declared one by one.
 */
class JimfsFixture implements WatchServiceFixture {

    static final long INTERVAL_MILLIS = 10;

    private final FileSystem fileSystem = Jimfs.newFileSystem(Configuration.unix().toBuilder()
            .setAttributeViews("basic", "owner", "posix", "unix")
            .setWatchServiceConfiguration(WatchServiceConfiguration.polling(INTERVAL_MILLIS, TimeUnit.MILLISECONDS))
            .build());
    private final AtomicInteger directories = new AtomicInteger();

    @Override
    public String name() {
        return "jimfs";
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return fileSystem.newWatchService();
    }

    @Override
    public Path newDirectory() throws IOException {
        return Files.createDirectories(fileSystem.getPath("/tck/d" + directories.incrementAndGet()));
    }

    @Override
    public Map<String, String> expectedDeviations() {
        String newKeys = "register() makes a new key every time, even for a directory already registered";
        String kinds = "event kinds are not checked: unknown kinds, {} and {OVERFLOW} are accepted";
        String modifiers = "modifiers are ignored, unknown and null ones included";
        String mtimeOnly = "a scan compares names and modification times only";
        String subdirectory = "a poller sees the subdirectory's own modification time change (MODIFY sub); "
                + "inotify reports nothing";
        String overflow = "after 256 pending events the rest are counted in an OVERFLOW appended to the list; "
                + "the pending events are kept";
        String secondCancel = "defect: a second cancel(), or a cancel() after close(), throws NullPointerException "
                + "(PollingWatchService.stopPolling without a polling future)";
        Map<String, String> deviations = new TreeMap<>();
        deviations.put("Registration.foreignWatcherIsProviderMismatch",
                "a foreign watch service gets IllegalArgumentException, not ProviderMismatchException");
        deviations.put("Registration.unsupportedKindIsUoe", kinds);
        deviations.put("Registration.noKindButOverflowIsIae", kinds);
        deviations.put("Registration.kindsAreCheckedBeforeTheClosedState", kinds);
        deviations.put("Registration.nullModifierIsNpe", modifiers);
        deviations.put("Registration.unsupportedModifierIsUoe", modifiers);
        deviations.put("Registration.modifiersAreCheckedBeforeTheFileSystem", modifiers);
        deviations.put("Registration.fileTreeIsUnsupported", modifiers);
        deviations.put("Registration.reRegistrationReturnsTheSameKey", newKeys);
        deviations.put("Registration.anotherPathToTheSameDirectoryGivesTheSameKey", newKeys);
        deviations.put("Registration.reRegistrationReplacesTheKinds", newKeys + "; the first keeps its kinds");
        deviations.put("Concurrency.concurrentRegistrationsOfOneDirectoryGiveOneKey", newKeys);
        deviations.put("EventDelivery.changesInsideASubdirectoryAreNotReported", subdirectory);
        deviations.put("EventDelivery.permissionChangeIsModify", mtimeOnly);
        deviations.put("EventDelivery.settingTheAccessTimeIsModify", mtimeOnly);
        deviations.put("Differential.matchesTheJdk[chmod]", mtimeOnly);
        if (Platform.host() == Platform.LINUX) {
            // The JDK on Windows reports MODIFY sub too, and no set access time: there jimfs matches it.
            deviations.put("Differential.matchesTheJdk[inside-subdirectory]", subdirectory);
            deviations.put("Differential.matchesTheJdk[touch-a]", mtimeOnly);
        }
        deviations.put("Differential.matchesTheJdk[replace-by-move]",
                mtimeOnly + ": a file replaced by one with the same modification time is unchanged");
        deviations.put("Differential.matchesTheJdk[replace-file-by-directory]",
                mtimeOnly + ": a file replaced by a directory of the same name is MODIFY, not DELETE and CREATE");
        deviations.put("KeyLifecycle.aSecondResetDoesNotQueueTheKeyTwice",
                "each reset() of a key with pending events enqueues it again, as the JDK does");
        deviations.put("KeyLifecycle.cancelInvalidatesTheKey", secondCancel);
        deviations.put("Close.cancelAfterCloseDoesNothing", secondCancel);
        deviations.put("KeyLifecycle.deletingTheDirectorySignalsTheKey",
                "the key of a directory that is gone is cancelled but never signalled");
        deviations.put("KeyLifecycle.renamingTheDirectoryKeepsTheKeyValid",
                "a poller watches the path: the directory renamed away is gone, and its key cancelled");
        deviations.put("Scenario.lotsOfEntries", overflow);
        deviations.put("Scenario.lotsOfEvents", overflow);
        deviations.put("Scenario.lotsOfCloses", "defect: register() racing close() can fail with "
                + "RejectedExecutionException from the shut-down scheduler instead of ClosedWatchServiceException");
        return deviations;
    }

    @Override
    public Map<String, String> notApplicable() {
        return Map.of("EventDelivery.eventsArriveInTheOrderOfTheChanges",
                "a poller reports the changes one scan finds in no particular order");
    }

    @Override
    public Duration quietPeriod() {
        return Duration.ofMillis(300);
    }
}
