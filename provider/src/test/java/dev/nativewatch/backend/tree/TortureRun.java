package dev.nativewatch.backend.tree;

import dev.nativewatch.ExtendedModifiers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

/**
 * One seeded run of the torture test: a subtree watch on {@code root}, batches of random changes, and after each
 * batch, once the watcher is quiet, a probe file in every directory of the tree. Each probe must be reported as
 * created, with a context that resolves to it; no event may name anything outside the tree. A probe may be lost
 * only if the loss was signalled while the probes were being made: an OVERFLOW or an invalidated key, which ends
 * the run. An OVERFLOW heard before is no excuse: a consumer that lists the tree when it takes one is owed every
 * later change.
 *
 * <p>Where the watcher reads a kernel queue, some batches made while it is held back also overflow that queue; the
 * OVERFLOW must come, and the next probes must all be reported, directories made during the batch included.
 *
 * <p>Half of the seeds register with {@code RESCAN_ON_OVERFLOW}. Then, once a batch made while the watcher was held
 * back has brought an OVERFLOW, the rescan must tell the consumer exactly what it missed: the tree listed at
 * registration with every event applied in turn ({@link ToldTree}) must come to hold the tree on disk, no entry
 * missing and none too many. Only such a batch is sure to be over before the rescan: after one made while the
 * watcher reads, a directory renamed after the rescan's scan is reported by its creation alone, as the JDK reports
 * it, and a consumer that does not list it lacks its entries until the next rescan. So after such a batch only
 * the other half is checked: the consumer may believe in no entry that is not on disk.
 */
final class TortureRun {

    static final Duration QUIET = Duration.ofMillis(300);
    static final Duration QUIET_AT_MOST = Duration.ofSeconds(10);
    static final Duration PROBE_DEADLINE = Duration.ofSeconds(20);
    private static final String PROBE = "probe-";
    private static final String OUTSIDE_PROBE = "outprobe-";
    /** Mixed into the seed to choose whether a run registers with RESCAN_ON_OVERFLOW, apart from its changes. */
    private static final long RESCAN_CHOICE = 0x5245_5343_414eL;
    /** A name no change of the tree takes: a file made and deleted over and over to overflow the kernel's queue. */
    private static final String FLOOD = "flood.";
    private static final Path MAX_QUEUED_EVENTS = Path.of("/proc/sys/fs/inotify/max_queued_events");
    /** A queue longer than this takes too long to fill in every build. */
    private static final int LARGEST_QUEUE_TO_FILL = 200_000;

    /** How a run ended when it did not fail. */
    enum Outcome {
        /** every probe of every batch was reported */
        EXACT,
        /** probes were lost, and the watcher said so with an OVERFLOW or an invalidated key */
        LOSS_SIGNALLED
    }

    /**
     * How a run ended, how many probes were reported in it, after how many queue overflows, and how many times a
     * rescan after an OVERFLOW was checked against the tree on disk.
     */
    record Result(Outcome outcome, int probesReported, int queueOverflows, int rescansChecked) {
        @Override
        public String toString() {
            return outcome + ", " + probesReported + " probes reported, " + queueOverflows + " queue overflows, "
                    + rescansChecked + " rescans checked";
        }
    }

    /**
     * What a run watches the tree with and changes it with, and its name in messages.
     *
     * @param kernelQueue whether the watcher reads a kernel queue that a batch made while it is held back can
     *                    overflow (inotify's)
     */
    record Subject(String name, WatchingFactory watching, ChangesFactory changes, boolean kernelQueue) {
        Subject(String name, WatchingFactory watching, ChangesFactory changes) {
            this(name, watching, changes, false);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    interface WatchingFactory {
        Watching open() throws IOException;
    }

    interface ChangesFactory {
        TreeChanges create(long seed, Path root, Path outside);
    }

    private final Subject subject;
    private final long seed;
    private final Path root;
    private final Path outside;
    private final TreeChanges mutator;
    /** Events enough to overflow the kernel's queue; 0 where no batch overflows it. */
    private final int flood;
    /** Whether the tree is registered with RESCAN_ON_OVERFLOW. */
    private final boolean rescans;
    private int probesReported;
    private int queueOverflows;
    private int rescansChecked;

    private TortureRun(Subject subject, long seed, Path temp) throws IOException {
        this.subject = subject;
        this.seed = seed;
        this.root = Files.createDirectory(temp.resolve("root"));
        this.outside = Files.createDirectory(temp.resolve("outside"));
        this.mutator = subject.changes().create(seed, root, outside);
        this.flood = subject.kernelQueue() ? eventsToOverflow() : 0;
        // SplittableRandom mixes its seed: Random's first draws hardly differ for neighbouring seeds such as 1 to 10.
        this.rescans = new SplittableRandom(seed ^ RESCAN_CHOICE).nextBoolean();
    }

    /** @return events enough to overflow inotify's queue, or 0 when it is too long to fill in a test */
    private static int eventsToOverflow() throws IOException {
        // Read as lines: Files.readString of this procfs file gives its first byte alone (JDK 17 and 25 alike).
        int queued = Integer.parseInt(Files.readAllLines(MAX_QUEUED_EVENTS).get(0).trim());
        return queued <= LARGEST_QUEUE_TO_FILL ? queued + 100 : 0;
    }

    /** The subject of a Linux backend: every change {@link TreeMutator} makes. */
    static Subject subject(WatchBackend backend) {
        return new Subject(backend.toString(), () -> new Watching(backend), TreeMutator::new,
                backend == WatchBackend.INOTIFY);
    }

    /** Runs {@code batches} batches of {@code changes} changes each in a new tree under {@code temp}. */
    static Result run(WatchBackend backend, long seed, Path temp, int batches, int changes) throws Exception {
        return run(subject(backend), seed, temp, batches, changes);
    }

    static Result run(Subject subject, long seed, Path temp, int batches, int changes) throws Exception {
        TortureRun run = new TortureRun(subject, seed, temp);
        Outcome outcome = run.run(batches, changes);
        return new Result(outcome, run.probesReported, run.queueOverflows, run.rescansChecked);
    }

    private Outcome run(int batches, int changes) throws Exception {
        mutator.note("before registering:");
        mutator.mutate(changes);
        checkModel();
        try (Watching watching = subject.watching().open()) {
            mutator.note(rescans ? "register with RESCAN_ON_OVERFLOW" : "register");
            WatchKey key = rescans ? watching.registerTree(root, ExtendedModifiers.RESCAN_ON_OVERFLOW)
                    : watching.registerTree(root);
            ToldTree told = new ToldTree(key, mutator.model().entries());
            mutator.watchedBy(watching);
            Random lag = new Random(seed);
            Random floods = new Random(~seed); // apart from lag, so that a seed holds back the same batches as ever
            for (int batch = 1; batch <= batches; batch++) {
                boolean heldBack = mutator.canBeHeldBack() && lag.nextBoolean();
                boolean flooded = heldBack && flood > 0 && floods.nextBoolean();
                mutator.note("batch " + batch + (flooded ? " (the watcher held back, its queue overflowed):"
                        : heldBack ? " (the watcher held back):" : ":"));
                int batchStart = watching.eventCount();
                mutate(watching, heldBack ? key : null, changes, flooded);
                checkModel();
                watching.awaitQuiet(QUIET, QUIET_AT_MOST);
                if (flooded) {
                    expectOverflowSince(watching, batchStart);
                }
                if (rescans && overflowIn(watching.events(), batchStart)) {
                    expectToldTheTree(watching, key, told, heldBack);
                }
                if (!probe(watching, key, batch)) {
                    return Outcome.LOSS_SIGNALLED;
                }
            }
        }
        return Outcome.EXACT;
    }

    /**
     * Makes the changes; a change that the watch failed to report fails the run with the log and the events.
     *
     * @param holdBack null, or the key whose monitor is held while the changes are made: the service's poller hands
     *                 events to the key under it, so holding it stops the poller at the batch's first event. Every
     *                 later event of the batch then waits in the kernel's queue and is read once the tree already
     *                 has its final shape, the hardest case for a watcher that looks at the tree to follow it. Where
     *                 a key did not use its monitor so, the batch would simply run as any other.
     */
    private void mutate(Watching watching, WatchKey holdBack, int changes, boolean flooded) throws Exception {
        try {
            if (holdBack == null) {
                mutator.mutate(changes);
            } else {
                synchronized (holdBack) {
                    mutator.mutate(changes);
                    if (flooded) {
                        overflowTheQueue();
                    }
                }
            }
        } catch (AssertionError unreported) {
            throw failure(unreported.getMessage(), watching.events());
        }
    }

    /**
     * Makes more events than the kernel queues while the watcher is held back: a file made and deleted in turn, so
     * that no event repeats the one before it, which the kernel would merge into it.
     */
    private void overflowTheQueue() throws IOException {
        mutator.note("make and delete " + FLOOD + " " + (flood / 2 + 1) + " times: " + flood + " events");
        Path file = root.resolve(FLOOD);
        for (int i = 0; i < flood / 2 + 1; i++) {
            Files.createFile(file);
            Files.delete(file);
        }
    }

    private void expectOverflowSince(Watching watching, int batchStart) {
        List<Watching.Event> events = watching.events();
        if (!overflowIn(events, batchStart)) {
            throw failure("the kernel's queue overflowed but no OVERFLOW was reported", events);
        }
        queueOverflows++;
    }

    /** @return whether an OVERFLOW is among {@code events} from {@code start} on */
    private static boolean overflowIn(List<Watching.Event> events, int start) {
        return events.subList(start, events.size()).stream().anyMatch(e -> e.kind() == OVERFLOW);
    }

    /**
     * After an OVERFLOW on a key that rescans: the consumer's tree must come to be the one on disk ({@code whole}),
     * or at least hold nothing that is not, unless the key was invalidated, which the probes then take for a
     * signalled loss.
     */
    private void expectToldTheTree(Watching watching, WatchKey key, ToldTree told, boolean whole)
            throws InterruptedException {
        List<String> real = mutator.model().entries();
        if (!watching.await(seen -> watching.invalidated(key) || told.update(seen).differences(real, whole).isEmpty(),
                PROBE_DEADLINE)) {
            List<Watching.Event> events = watching.events();
            throw failure("after the OVERFLOW, the tree the key told of is not the one on disk:\n  "
                    + told.update(events).differences(real, whole), events);
        }
        if (!watching.invalidated(key)) {
            rescansChecked++;
        }
    }

    private void checkModel() throws IOException {
        String differences = mutator.model().differences(TreeModel.read(root));
        if (!differences.isEmpty()) {
            throw failure("the test's own model does not match the disk (a bug of the test):\n" + differences, null);
        }
    }

    /** @return false when probes were lost and the loss was signalled */
    private boolean probe(Watching watching, WatchKey key, int batch) throws Exception {
        int firstEvent = watching.eventCount();
        Map<String, Object> probes = createProbes(batch);
        createOutsideProbes(batch);
        CreatedKeys created = new CreatedKeys(root);
        watching.await(seen -> watching.invalidated(key) || unreported(created.update(seen), probes).isEmpty(),
                PROBE_DEADLINE);
        List<Watching.Event> events = watching.events();
        List<String> problems = new ArrayList<>();
        events.forEach(e -> outsideTheTree(e).ifPresent(problems::add));
        events.subList(firstEvent, events.size()).forEach(e -> misreported(e, probes).ifPresent(problems::add));
        List<String> lost = unreported(created.update(events), probes);
        boolean signalled = watching.invalidated(key)
                || overflowIn(events, firstEvent);
        if (!lost.isEmpty() && !signalled) {
            problems.add(lost.size() + " of " + probes.size() + " probes never reported, with no OVERFLOW since"
                    + " they were made and a valid key: " + lost);
        }
        if (!problems.isEmpty()) {
            throw failure("batch " + batch + ":\n  " + String.join("\n  ", problems), events);
        }
        probesReported += probes.size() - lost.size();
        return lost.isEmpty();
    }

    /** @return probe name → file key, one probe in every directory of the tree */
    private Map<String, Object> createProbes(int batch) throws IOException {
        Map<String, Object> probes = new LinkedHashMap<>();
        int n = 0;
        for (String directory : mutator.model().directoriesAndRoot()) {
            String name = PROBE + batch + "-" + (++n);
            String file = TreeModel.child(directory, name);
            RawFiles.createFile(mutator.absolute(file));
            mutator.model().addFile(file);
            probes.put(name, Watching.keyOf(RawPaths.path(mutator.absolute(file))));
        }
        mutator.note("probes " + PROBE + batch + "-1.." + n);
        return probes;
    }

    /** A file in every directory that was moved out: none of them may be reported. */
    private void createOutsideProbes(int batch) throws IOException {
        List<Path> directories;
        try (Stream<Path> walk = Files.walk(outside)) {
            directories = walk.filter(p -> !p.equals(outside) && Files.isDirectory(p)).toList();
        }
        int n = 0;
        for (Path directory : directories) {
            byte[] dir = RawPaths.bytes(directory);
            RawFiles.createFile(RawPaths.bytes(RawPaths.latin1(dir) + "/" + OUTSIDE_PROBE + batch + "-" + (++n)));
        }
    }

    private static List<String> unreported(Set<Object> created, Map<String, Object> probes) {
        return probes.entrySet().stream().filter(probe -> !created.contains(probe.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private java.util.Optional<String> outsideTheTree(Watching.Event event) {
        Path context = event.context();
        if (context == null) {
            return java.util.Optional.empty();
        }
        Path watched = Watching.inFileSystemOf(context, root);
        boolean dotted = false;
        for (Path name : context) {
            String s = name.toString();
            dotted |= s.isEmpty() || s.equals(".") || s.equals("..");
        }
        if (context.isAbsolute() || dotted || !watched.resolve(context).normalize().startsWith(watched)) {
            return java.util.Optional.of("event names a path outside the tree: " + event);
        }
        if (fileName(event).startsWith(OUTSIDE_PROBE)) {
            return java.util.Optional.of("event reports a file outside the tree: " + event);
        }
        return java.util.Optional.empty();
    }

    /** A probe reported under a path that does not lead to it. */
    private java.util.Optional<String> misreported(Watching.Event event, Map<String, Object> probes) {
        if (event.kind() != ENTRY_CREATE || event.context() == null) {
            return java.util.Optional.empty();
        }
        Object expected = probes.get(fileName(event));
        Object actual = Watching.keyOf(root, event.context());
        if (expected != null && !expected.equals(actual)) {
            return java.util.Optional.of("probe reported under a path that does not lead to it: " + event);
        }
        return java.util.Optional.empty();
    }

    private static String fileName(Watching.Event event) {
        Path name = event.context().getFileName();
        return name == null ? "" : RawPaths.latin1(RawPaths.relativeBytes(name));
    }

    private AssertionError failure(String what, List<Watching.Event> events) {
        String message = subject + " seed " + seed + ": " + what
                + "\nmutations (rerun with this seed to replay them):\n  " + String.join("\n  ", mutator.log())
                + (events == null ? "" : "\nevents:\n  " + events.stream().map(Watching.Event::toString)
                .collect(Collectors.joining("\n  ")));
        System.err.println(message);
        return new AssertionError(message);
    }
}
