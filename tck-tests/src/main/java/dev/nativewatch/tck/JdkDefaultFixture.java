package dev.nativewatch.tck;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference: the JDK's own watch service on its default file system. The JDK's known defects are declared
 * here, since they are facts about the JDK rather than about any one run.
 */
public class JdkDefaultFixture implements WatchServiceFixture {

    private final FileSystem fileSystem;

    /** The JVM's default file system, which is the JDK's unless a provider replaced it. */
    public JdkDefaultFixture() {
        this(FileSystems.getDefault());
    }

    /**
     * The given file system, for a JVM whose default provider is not the JDK's: a replacement that wraps the JDK's
     * file system passes the wrapped one here.
     *
     * @param jdkFileSystem the JDK's file system, whose watch service is the reference
     */
    public JdkDefaultFixture(FileSystem jdkFileSystem) {
        this.fileSystem = jdkFileSystem;
    }

    @Override
    public String name() {
        return "jdk-default";
    }

    @Override
    public WatchService newWatchService() throws IOException {
        return fileSystem.newWatchService();
    }

    @Override
    public Path newDirectory() throws IOException {
        return fileSystem.getPath(TempDirectories.newDirectory().toString());
    }

    /**
     * The JDK's services on Linux and Windows share a poller thread ({@code AbstractPoller}) and its defect; the
     * polling service of the other platforms checks its modifiers on the caller's thread.
     */
    @Override
    public Map<String, String> expectedDeviations() {
        Map<String, String> deviations = new TreeMap<>();
        if (platform() == Platform.LINUX || platform() == Platform.WINDOWS) {
            deviations.put("Registration.nullModifierArrayIsNpeOnTheCallerThread",
                    "JDK defect: the NPE is thrown on the poller thread, which dies; register() then blocks for ever "
                            + "and the service is dead (close() would block too)");
        }
        deviations.put("KeyLifecycle.aSecondResetDoesNotQueueTheKeyTwice",
                "JDK quirk: each reset() of a key with pending events enqueues it again, so it is taken twice");
        return deviations;
    }

    @Override
    public WatchServiceFixture reference() {
        return this;
    }

    /** {@return whether this fixture's file system is the JDK's own, so that it is the real reference} */
    public boolean isTheJdks() {
        return fileSystem.provider().getClass().getName().startsWith("sun.nio.fs.");
    }
}
