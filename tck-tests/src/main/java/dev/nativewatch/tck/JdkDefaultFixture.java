package dev.nativewatch.tck;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.Map;

/**
 * The reference: the default file system's own watch service, on the JDK's default provider. The JDK's known
 * defects are declared here, since they are facts about the JDK rather than about any one run.
 */
public class JdkDefaultFixture implements WatchServiceFixture {

    @Override
    public String name() {
        return "jdk-default";
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return FileSystems.getDefault().newWatchService();
    }

    @Override
    public Path newDirectory() throws IOException {
        return TempDirectories.newDirectory();
    }

    @Override
    public Map<String, String> expectedDeviations() {
        return Map.of(
                "Registration.nullModifierArrayIsNpeOnTheCallerThread",
                "JDK defect: the NPE is thrown on the poller thread, which dies; register() then blocks for ever "
                        + "and the service is dead (close() would block too)",
                "KeyLifecycle.aSecondResetDoesNotQueueTheKeyTwice",
                "JDK quirk: each reset() of a key with pending events enqueues it again, so it is taken twice");
    }

    /** @return whether the JVM's default provider is the JDK's own, so that this fixture is the real reference */
    public static boolean isTheJdksOwnProvider() {
        return FileSystems.getDefault().provider().getClass().getName().startsWith("sun.nio.fs.");
    }
}
