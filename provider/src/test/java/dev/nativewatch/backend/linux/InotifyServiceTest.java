package dev.nativewatch.backend.linux;

import dev.nativewatch.testing.TemporaryProperty;
import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.sun.nio.file.ExtendedWatchEventModifier;
import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;
import dev.nativewatch.backend.Backends;
import dev.nativewatch.core.NativeWatchService;
import dev.nativewatch.testing.EventCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The inotify backend under the core's watch service: what a user of the WatchService API sees. */
class InotifyServiceTest {

    @TempDir
    Path dir;
    NativeWatchService service;
    EventCollector collector;

    @BeforeEach
    void start() throws IOException {
        EngineHarness.assumeInotify();
        service = newService(new InotifyBackend());
        collector = new EventCollector(service);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    static NativeWatchService newService(InotifyBackend backend) throws IOException {
        return new NativeWatchService(backend, FileSystems.getDefault(), relative -> relative);
    }

    WatchKey register(Path directory, WatchEvent.Kind<?>[] kinds, WatchEvent.Modifier... modifiers)
            throws IOException {
        return service.register(directory, directory, kinds, modifiers);
    }

    static WatchEvent.Kind<?>[] kinds(WatchEvent.Kind<?>... kinds) {
        return kinds;
    }

    @Test
    void inotifyIsTheBackendOnLinuxUnlessPollingIsForced() throws IOException {
        assertEquals("inotify", Backends.select(FileSystems.getDefault()).name());
        assertEquals("inotify", NativeWatch.backend().name());
        try (TemporaryProperty forced = TemporaryProperty.set(Backends.PROPERTY, "polling")) {
            assertEquals("polling", Backends.select(FileSystems.getDefault()).name());
            assertEquals("polling", NativeWatch.backend().name());
        }
    }

    @Test
    void onlyThePlatformsOwnFileSystemIsSupported() throws IOException {
        InotifyBackend backend = new InotifyBackend();
        assertTrue(backend.supports(FileSystems.getDefault()));
        try (FileSystem jimfs = Jimfs.newFileSystem(Configuration.unix())) {
            assertFalse(backend.supports(jimfs));
        }
        assertFalse(backend.supports(NativeWatch.path(dir).getFileSystem()), "nativewatch's own wrapper");
        assertEquals("polling", Backends.select(NativeWatch.path(dir).getFileSystem()).name());
    }

    @Test
    void createModifyDeleteWithStandardKinds() throws Exception {
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
        Path file = Files.writeString(dir.resolve("foo"), "1");
        collector.until(seen -> seen.contains("ENTRY_CREATE foo") && seen.contains("ENTRY_MODIFY foo"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        collector.events().clear();
        collector.until("ENTRY_MODIFY foo");
        Files.delete(file);
        collector.until("ENTRY_DELETE foo");
    }

    @Test
    void extendedKindsComeUnderTheirOwnNames() throws Exception {
        Path file = Files.createFile(dir.resolve("f"));
        register(dir, kinds(ExtendedKinds.ENTRY_ATTRIBUTES, ExtendedKinds.ENTRY_SECURITY,
                ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        collector.until(seen -> seen.contains("ENTRY_ATTRIBUTES f") && seen.contains("ENTRY_SECURITY f"));
        Files.move(file, dir.resolve("g"));
        List<String> events = collector.until("ENTRY_RENAME_TO g");
        assertEquals("ENTRY_RENAME_FROM f", events.get(events.indexOf("ENTRY_RENAME_TO g") - 1));
    }

    @Test
    void fileTreeAndSubtreeWatchTheWholeTree() throws Exception {
        Path nested = Files.createDirectories(dir.resolve("a/b/c"));
        register(dir, kinds(ENTRY_CREATE, ENTRY_DELETE), ExtendedWatchEventModifier.FILE_TREE);
        Files.createFile(nested.resolve("foo"));
        collector.until("ENTRY_CREATE a/b/c/foo");
        Files.createDirectories(dir.resolve("x/y"));
        Files.createFile(dir.resolve("x/y/bar"));
        collector.until("ENTRY_CREATE x/y/bar");
    }

    @Test
    void registeringAgainReplacesKindsAndSubtreeOnTheSameKey() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path existing = Files.createFile(dir.resolve("existing"));
        WatchKey key = register(dir, kinds(ENTRY_CREATE));
        WatchKey again = register(dir, kinds(ENTRY_MODIFY), ExtendedModifiers.SUBTREE);
        assertSame(key, again);
        Files.createFile(sub.resolve("new-in-sub"));
        Files.writeString(existing, "changed");
        Files.writeString(sub.resolve("new-in-sub"), "changed");
        collector.until(seen -> seen.contains("ENTRY_MODIFY existing") && seen.contains("ENTRY_MODIFY sub/new-in-sub"));
        assertFalse(collector.events().stream().anyMatch(e -> e.startsWith("ENTRY_CREATE")), collector.events()
                .toString());
    }

    @Test
    void deletingTheWatchedDirectoryInvalidatesAndSignalsTheKey() throws Exception {
        Path watched = Files.createDirectory(dir.resolve("watched"));
        WatchKey key = register(watched, kinds(ENTRY_CREATE));
        Files.delete(watched);
        assertSame(key, collector.untilInvalid());
        assertFalse(key.isValid());
        assertFalse(key.reset());
    }

    /**
     * The kernel queue overflows while the poller is held in a read; with RESCAN_ON_OVERFLOW the key still
     * reports every file, once the consumer has taken the OVERFLOW.
     */
    @Test
    void rescanOnOverflowReportsEveryFileAfterTheKernelQueueOverflowed() throws Exception {
        int queued = Integer.parseInt(InotifyEngineTest.sysctl("max_queued_events"));
        assumeTrue(queued <= 200_000, "fs.inotify.max_queued_events is too large to fill in a test: " + queued);
        TestApi api = new TestApi();
        service.close();
        service = newService(new InotifyBackend(api));
        collector = new EventCollector(service);
        register(dir, kinds(ENTRY_CREATE), ExtendedModifiers.RESCAN_ON_OVERFLOW);
        api.holdReads();
        int files = queued + 500;
        try {
            for (int i = 0; i < files; i++) {
                Files.createFile(dir.resolve("f" + i));
            }
        } finally {
            api.releaseReads();
        }
        Set<String> names = new HashSet<>();
        int[] read = {0};
        collector.until(seen -> {
            for (; read[0] < seen.size(); read[0]++) {
                names.add(seen.get(read[0]));
            }
            return names.size() >= files + 1 && names.contains("OVERFLOW null");
        });
        for (int i = 0; i < files; i++) {
            assertTrue(names.contains("ENTRY_CREATE f" + i), "f" + i);
        }
    }

    /** Registrations sharing a directory through the service: each key gets its own kinds. */
    @Test
    void twoKeysOnOneDirectoryFromTwoServicesAndOneFromEach() throws Exception {
        try (NativeWatchService other = newService(new InotifyBackend())) {
            EventCollector otherCollector = new EventCollector(other);
            register(dir, kinds(ENTRY_CREATE));
            other.register(dir, dir, kinds(ENTRY_DELETE));
            Files.createFile(dir.resolve("x"));
            Files.delete(dir.resolve("x"));
            Files.createFile(dir.resolve("y"));
            collector.until("ENTRY_CREATE y");
            otherCollector.until("ENTRY_DELETE x");
            assertEquals(List.of("ENTRY_CREATE x", "ENTRY_CREATE y"), collector.events());
            assertEquals(List.of("ENTRY_DELETE x"), otherCollector.events());
        }
    }

    /** As the JDK's UpdateInterference: registering and cancelling one directory never misroutes another's events. */
    @Test
    void registeringAndCancellingElsewhereNeverSignalsTheWrongKey() throws Exception {
        Path foo = Files.createDirectory(dir.resolve("foo"));
        Path baz = Files.createDirectory(dir.resolve("baz"));
        WatchKey fooKey = register(foo, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread churn = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Path file = Files.createTempFile(foo, "churn", null);
                    Files.writeString(file, "x");
                    Files.delete(file);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "churn");
        churn.start();
        List<WatchKey> wrong = new ArrayList<>();
        int fooEvents = 0;
        try {
            for (int i = 0; i < 2_000; i++) {
                register(baz, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY)).cancel();
                WatchKey signalled;
                while ((signalled = service.poll()) != null) {
                    int events = signalled.pollEvents().size();
                    if (signalled == fooKey) {
                        fooEvents += events;
                    } else {
                        wrong.add(signalled);
                    }
                    signalled.reset();
                }
            }
        } finally {
            stop.set(true);
            churn.join();
        }
        assertNull(failure.get());
        assertEquals(List.of(), wrong);
        assertTrue(fooEvents > 0, "the churn was seen");
    }

    /**
     * Watching a directory enters it for a moment on the poller thread: the thread comes back, so that none is ever
     * left in a watched directory (where it would resolve relative paths, and keep the file system mounted).
     */
    @Test
    void noThreadIsLeftInAWatchedDirectory() throws Exception {
        for (int i = 0; i < 20; i++) {
            Files.createDirectories(dir.resolve("a" + i).resolve("b"));
        }
        Path processDirectory = Files.readSymbolicLink(Path.of("/proc/self/cwd"));
        WatchKey key = register(dir, kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        Files.createDirectories(dir.resolve("later/deeper"));
        Files.createFile(dir.resolve("later/deeper/f"));
        collector.until("ENTRY_CREATE later/deeper/f");
        Map<String, Path> elsewhere = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    Path cwd = Files.readSymbolicLink(task.resolve("cwd"));
                    if (!cwd.equals(processDirectory)) {
                        elsewhere.put(Files.readString(task.resolve("comm")).strip(), cwd);
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended meanwhile
                }
            }
        }
        assertEquals(Map.of(), elsewhere, "threads whose working directory is not the process's");
        key.cancel();
    }

    /** Every descriptor, thread and kernel watch is given back: after many registrations, and after close. */
    @Test
    void descriptorsThreadsAndWatchesReturnToTheirBaseline() throws Exception {
        Files.createDirectories(dir.resolve("t/u"));
        service.close();
        Set<String> inotifyBefore = inotifyDescriptors();
        Map<String, String> fdsBefore = descriptors();
        Set<Thread> threadsBefore = nativewatchThreads();

        service = newService(new InotifyBackend());
        collector = new EventCollector(service);
        assertOpenedSince(List.of("anon_inode:[eventfd]", "anon_inode:inotify"), fdsBefore, "the service's own");
        assertThreadsStartedSince(threadsBefore, 1, "the service's poller");
        Set<String> ours = inotifyDescriptors();
        ours.removeAll(inotifyBefore);
        assertEquals(1, ours.size(), ours.toString());
        String fd = ours.iterator().next();

        for (int i = 0; i < 10_000; i++) {
            WatchKey key = i % 10 == 0
                    ? register(dir, kinds(ENTRY_CREATE, ENTRY_MODIFY), ExtendedModifiers.SUBTREE)
                    : register(dir, kinds(ENTRY_CREATE));
            key.cancel();
        }
        assertOpenedSince(List.of("anon_inode:[eventfd]", "anon_inode:inotify"), fdsBefore, "the service's own");
        assertThreadsStartedSince(threadsBefore, 1, "the service's poller");
        assertEquals(0, kernelWatches(fd), "no watch left in the kernel");

        WatchKey live = register(dir, kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        assertEquals(3, kernelWatches(fd), "dir, t and t/u");
        Files.createFile(dir.resolve("t/u/still-works"));
        collector.until("ENTRY_CREATE t/u/still-works");

        service.close();
        assertFalse(live.isValid());
        assertOpenedSince(List.of(), fdsBefore, "all closed");
        assertThreadsStartedSince(threadsBefore, 0, "the poller has ended");
    }

    /** Closing the inotify descriptor removes its watches at once: closing a service makes no call per watch. */
    @Test
    void cancellingAKeyRemovesItsWatchesButClosingTheServiceLeavesThatToTheDescriptor() throws Exception {
        Files.createDirectories(dir.resolve("t/u"));
        Files.createDirectories(dir.resolve("v"));
        service.close();
        Map<String, String> fdsBefore = descriptors();
        TestApi api = new TestApi();
        service = newService(new InotifyBackend(api));
        collector = new EventCollector(service);

        WatchKey cancelled = register(dir.resolve("t"), kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        assertEquals(2, api.liveWatches().size(), "t and t/u");
        cancelled.cancel();
        assertEquals(2, api.removeWatchCalls(), "one inotify_rm_watch per directory of the cancelled key");
        assertEquals(Set.of(), api.liveWatches());

        WatchKey tree = register(dir, kinds(ENTRY_CREATE), ExtendedModifiers.SUBTREE);
        assertEquals(4, api.liveWatches().size(), "dir, t, t/u and v");
        Files.createFile(dir.resolve("t/u/seen"));
        collector.until("ENTRY_CREATE t/u/seen");
        service.close();
        assertFalse(tree.isValid());
        assertEquals(2, api.removeWatchCalls(), "no inotify_rm_watch on close");
        assertEquals(Set.of(), api.liveWatches());
        assertOpenedSince(List.of(), fdsBefore, "the inotify descriptor and the eventfd are closed");
    }

    // ---- counting

    /** How long a count of descriptors or threads may take to settle. */
    static final Duration SETTLE_DEADLINE = Duration.ofSeconds(10);
    static final String PROC_SELF_FD = "/proc/" + ProcessHandle.current().pid() + "/fd";

    /** @return this process's open descriptors: the entries of /proc/self/fd, with what each one is */
    static Map<String, String> descriptors() throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    result.put(fd.getFileName().toString(), Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor, gone by now.
                }
            }
        }
        return result;
    }

    /**
     * @return what the descriptors opened since {@code before} are, sorted. Left out: the listing's own descriptor
     * of /proc/self/fd, and sockets (the JVM opens one for its attach listener whenever a tool such as jps or jcmd
     * on the machine looks at it).
     */
    static List<String> openedSince(Map<String, String> before) throws IOException {
        Map<String, String> now = descriptors();
        return now.entrySet().stream()
                .filter(fd -> !fd.getValue().equals(before.get(fd.getKey())))
                .map(Map.Entry::getValue)
                .filter(target -> !target.startsWith("socket:") && !target.equals(PROC_SELF_FD))
                .sorted()
                .toList();
    }

    /**
     * Asserts that the descriptors opened since {@code before} come to be {@code expected}. The JVM itself opens
     * files for a moment now and then (its container support reads the cgroup's memory limit, for one), so a
     * descriptor that is not ours may be seen open once; what is leaked stays open past the deadline.
     */
    static void assertOpenedSince(List<String> expected, Map<String, String> before, String message)
            throws Exception {
        assertEquals(expected, settled(() -> openedSince(before), expected::equals), message);
    }

    /**
     * Asserts that the live threads of ours started since {@code before} come to number {@code expected}. Like
     * {@link #assertOpenedSince}, it waits: a thread of another test's closed service may still be on its way out.
     */
    static void assertThreadsStartedSince(Set<Thread> before, int expected, String message) throws Exception {
        List<Thread> started = settled(() -> startedSince(before), threads -> threads.size() == expected);
        assertEquals(expected, started.size(), message + ": " + started);
    }

    /** @return {@code value} as last read: once it is {@code settled}, or when the deadline has passed */
    private static <T> T settled(Callable<T> value, Predicate<T> settled) throws Exception {
        long deadline = System.nanoTime() + SETTLE_DEADLINE.toNanos();
        T current = value.call();
        while (!settled.test(current) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            current = value.call();
        }
        return current;
    }

    private static List<Thread> startedSince(Set<Thread> before) {
        return nativewatchThreads().stream().filter(thread -> !before.contains(thread)).toList();
    }

    /** @return the live threads whose names say they are ours */
    static Set<Thread> nativewatchThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("nativewatch-"))
                .collect(Collectors.toSet());
    }

    /** @return the numbers of this process's inotify descriptors */
    static Set<String> inotifyDescriptors() throws IOException {
        Set<String> result = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
                        result.add(fd.getFileName().toString());
                    }
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor, gone by now.
                }
            }
        }
        return result;
    }

    /** @return how many watches the kernel holds for an inotify descriptor, from its fdinfo */
    static long kernelWatches(String fd) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/fdinfo", fd))) {
            return lines.filter(line -> line.startsWith("inotify wd:")).count();
        }
    }
}
