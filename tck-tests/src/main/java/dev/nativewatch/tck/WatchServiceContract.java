package dev.nativewatch.tck;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The base of every contract: the fixture, a watch service and a fresh directory per check, and the helpers the
 * checks share. A concrete run is a subclass per contract that passes its fixture, netty style:
 *
 * <pre>{@code
 * @Nested class Registration extends RegistrationContract { Registration() { super(FIXTURE); } }
 * }</pre>
 *
 * Checks wait for conditions up to {@link Tck#DEADLINE} and never assert timings; absence is checked after a
 * sentinel change has been seen, plus the fixture's quiet period.
 */
@ExtendWith(TckExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class WatchServiceContract {

    /** A modification time far in the past, so that any later write changes it, even on coarse clocks. */
    protected static final FileTime LONG_AGO = FileTime.fromMillis(978_307_200_000L);

    private final WatchServiceFixture fixture;
    private final List<WatchService> services = new ArrayList<>();
    private int sentinels;

    /** The check's watch service, open. */
    protected WatchService watcher;
    /** A fresh, empty directory. */
    protected Path dir;

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected WatchServiceContract(WatchServiceFixture fixture) {
        this.fixture = fixture;
    }

    /** {@return the implementation under test} */
    public final WatchServiceFixture fixture() {
        return fixture;
    }

    @BeforeEach
    final void openServiceAndDirectory() throws IOException {
        watcher = newService();
        dir = fixture.newDirectory();
    }

    /** Releases what the check opened. Best effort: close() itself is checked by {@link CloseContract}. */
    @AfterEach
    final void closeServices() {
        for (WatchService service : services) {
            try {
                service.close();
            } catch (IOException | RuntimeException ignored) {
                // A second close() that fails is CloseContract's business, not this check's.
            }
        }
        services.clear();
    }

    /**
     * {@return another open watch service of the fixture, closed after the check}
     *
     * @throws IOException if it cannot be opened
     */
    protected final WatchService newService() throws IOException {
        WatchService service = fixture.newWatchService();
        services.add(service);
        return service;
    }

    /**
     * Registers {@code directory} with the check's watcher.
     *
     * @param directory the directory to watch
     * @param kinds     the kinds to register
     * @return the key
     * @throws IOException if the registration fails
     */
    protected final WatchKey register(Path directory, WatchEvent.Kind<?>... kinds) throws IOException {
        return fixture.register(watcher, directory, kinds);
    }

    /**
     * Registers through the fixture, with modifiers.
     *
     * @param service   the service to register with
     * @param directory the directory to watch
     * @param kinds     the kinds to register
     * @param modifiers the modifiers to register with
     * @return the key
     * @throws IOException if the registration fails
     */
    protected final WatchKey register(WatchService service, Path directory, WatchEvent.Kind<?>[] kinds,
                                      WatchEvent.Modifier... modifiers) throws IOException {
        return fixture.register(service, directory, kinds, modifiers);
    }

    /**
     * {@return {@code kinds} as an array, for the register methods that take modifiers too}
     *
     * @param kinds event kinds
     */
    protected static WatchEvent.Kind<?>[] kinds(WatchEvent.Kind<?>... kinds) {
        return kinds;
    }

    /**
     * {@return the next signalled key of {@code service}; fails if none comes within the deadline}
     *
     * @param service the service to take a key from
     * @throws InterruptedException if interrupted while waiting
     */
    protected static WatchKey awaitKey(WatchService service) throws InterruptedException {
        WatchKey key = service.poll(Tck.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(key, "no key was signalled within " + Tck.DEADLINE.toSeconds() + " s");
        return key;
    }

    /** {@return a recorder on the check's watcher} */
    protected final EventRecorder recorder() {
        return new EventRecorder(watcher);
    }

    /** {@return how long to wait before concluding that what has not come will not come} */
    protected final Duration quiet() {
        return fixture.quietPeriod();
    }

    /**
     * Sleeps for the quiet period: only before checking that something did not happen.
     *
     * @throws InterruptedException if interrupted while sleeping
     */
    protected final void waitQuietPeriod() throws InterruptedException {
        Thread.sleep(quiet().toMillis());
    }

    /**
     * Creates a sentinel entry in {@code directory} (whose key must receive CREATE events), reads until its CREATE
     * and then for the quiet period. A change made before it has surely been reported by then, so a check of an
     * expected event fails within the quiet period rather than after the deadline.
     *
     * @param events    the recorder to read with
     * @param directory a watched directory
     * @return {@code events}
     * @throws IOException          if the sentinel cannot be created
     * @throws InterruptedException if interrupted while reading
     */
    protected final EventRecorder afterSentinel(EventRecorder events, Path directory)
            throws IOException, InterruptedException {
        String name = "sentinel-" + sentinels++;
        Files.createFile(directory.resolve(name));
        return events.untilSeen("ENTRY_CREATE " + name).drain(quiet());
    }

    /**
     * {@return {@code file}, written, with a modification time long past}
     *
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    protected static Path oldFile(Path file) throws IOException {
        Files.writeString(file, "old");
        Files.setLastModifiedTime(file, LONG_AGO);
        return file;
    }

    /**
     * {@return {@code directory}, created if missing, with a modification time long past}
     *
     * @param directory the directory
     * @throws IOException if it cannot be created
     */
    protected static Path oldDirectory(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setLastModifiedTime(directory, LONG_AGO);
        return directory;
    }

    /**
     * Appends to a file: a change of content, size and modification time.
     *
     * @param file the file
     * @param text what to append, in UTF-8
     * @throws IOException if it cannot be written
     */
    protected static void append(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * {@return whether {@code path}'s file system offers POSIX permissions}
     *
     * @param path a path
     */
    protected static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
