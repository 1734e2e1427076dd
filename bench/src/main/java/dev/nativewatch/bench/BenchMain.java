package dev.nativewatch.bench;

import dev.nativewatch.NativeWatch;
import dev.nativewatch.bench.BenchOptions.Section;
import dev.nativewatch.bench.peers.PeerId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

import static dev.nativewatch.bench.peers.PeerId.DIRECTORY_WATCHER;
import static dev.nativewatch.bench.peers.PeerId.HANDOFF;
import static dev.nativewatch.bench.peers.PeerId.INOTIFYWAIT;
import static dev.nativewatch.bench.peers.PeerId.JDK;
import static dev.nativewatch.bench.peers.PeerId.NATIVEWATCH;
import static dev.nativewatch.bench.peers.PeerId.NATIVEWATCH_RESCAN;

/**
 * Runs the benchmarks against the peers, one forked JVM per measurement, then prints the tables and writes
 * RESULTS.md. See {@link BenchOptions} for the command line.
 */
public final class BenchMain {

    /** The tree E watches while idle: the smaller of A's trees, whose run E shares. */
    static final int IDLE_TREE = 10_000;
    static final List<PeerId> REGISTRATION_PEERS = List.of(NATIVEWATCH, JDK, DIRECTORY_WATCHER, INOTIFYWAIT);
    /** A also measures what RESCAN_ON_OVERFLOW costs to establish and to hold. */
    static final List<PeerId> ESTABLISH_PEERS = List.of(NATIVEWATCH, NATIVEWATCH_RESCAN, JDK, DIRECTORY_WATCHER,
            INOTIFYWAIT);
    /** G's two JVMs: nativewatch as the default provider, and the JDK's own. */
    static final List<PeerId> EXISTS_PEERS = List.of(NATIVEWATCH, JDK);
    static final int EXISTS_PATHS = 10_000;
    static final String DEFAULT_PROVIDER_OPTION =
            "-Djava.nio.file.spi.DefaultFileSystemProvider=dev.nativewatch.spi.NativeWatchFileSystemProvider";
    /** J: the watchers a developer tool would choose from, and the floor of a write and one thread hand-off. */
    static final List<PeerId> COLD_PEERS = List.of(NATIVEWATCH, JDK, INOTIFYWAIT, HANDOFF);
    static final int COLD_WRITES = 200;
    static final int COLD_PAUSE_MILLIS = 20;
    static final List<PeerId> BURST_PEERS = List.of(NATIVEWATCH, NATIVEWATCH_RESCAN, JDK, DIRECTORY_WATCHER, INOTIFYWAIT);
    /** H: the recovery, against what a JDK user does instead (list the tree again). */
    static final List<PeerId> RECOVERY_PEERS = List.of(NATIVEWATCH_RESCAN, JDK);
    static final List<PeerId> CHURN_PEERS = List.of(NATIVEWATCH, NATIVEWATCH_RESCAN, JDK);
    /** H and I cap each key's list, as JDK 23+ lets its users do (earlier JDKs ignore it and keep 512). */
    static final int CHURN_CAP = 64;
    static final String CAP_OPTION = "-Djdk.nio.file.WatchService.maxEventsPerPoll=" + CHURN_CAP;
    /** H: files created to overflow the capped list; the recovery reports them. */
    static final int RECOVERY_FILES = 200;
    static final int CHURN_BURST = 300;
    static final int CHURN_EVERY_MILLIS = 2;
    static final int CHURN_STEADY_MILLIS = 3_000;
    static final int CHURN_CONSUMER_SLEEP_MILLIS = 10;

    /** A burst is over when no event has come for this long: the peers have drained the kernel queue. */
    private static final long QUIET_MILLIS = 2_000;
    /**
     * Except where a rescan may still be running: it reports nothing until it has scanned the whole directory,
     * which can take seconds, so "finally reported" needs a longer silence before it is judged.
     */
    private static final long RESCAN_QUIET_MILLIS = 10_000;
    static final int LATENCY_WARMUP_WRITES = 1_000;
    private static final int RACE_ROUNDS = 20;
    private static final int RACE_FILES = 100;

    private final BenchOptions options;
    private final Workspace workspace;
    private final Results results = new Results();
    private final Fork fork = new Fork();

    private BenchMain(BenchOptions options, Workspace workspace) {
        this.options = options;
        this.workspace = workspace;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String backend = NativeWatch.backend().name();
        if (!backend.equals("inotify")) {
            System.err.println("nativewatch would use its " + backend + " backend here, not inotify: "
                    + NativeWatch.backend() + "; these benchmarks compare inotify watchers on Linux");
            System.exit(1);
        }
        if (options.profile() != null) {
            Files.createDirectories(options.profile());
        }
        try (Workspace workspace = new Workspace(options.dir())) {
            new BenchMain(options, workspace).runAll();
        }
    }

    private void runAll() throws Exception {
        Map<String, String> machine = MachineInfo.collect(workspace.base());
        long start = System.nanoTime();
        if (options.runs(Section.A) || options.runs(Section.E)) {
            registration();
        }
        if (options.runs(Section.B)) {
            bursts();
        }
        if (options.runs(Section.C)) {
            latency();
        }
        if (options.runs(Section.D)) {
            race();
        }
        if (options.runs(Section.G)) {
            existsProbes();
        }
        if (options.runs(Section.H)) {
            recoveries();
        }
        if (options.runs(Section.I)) {
            churn();
        }
        if (options.runs(Section.J)) {
            coldLatency();
        }
        List<MicroBenchmarks.Score> scores = new ArrayList<>();
        if (options.runs(Section.F)) {
            progress("[F] JMH, " + MicroBenchmarks.settings(options.quick()));
            scores = MicroBenchmarks.run(options.quick());
        }
        ResultsReport report = new ResultsReport(machine, options, results, new Targets(results, options).evaluate(),
                scores);
        System.out.print(report.tables());
        if (options.partial()) {
            ResultsFile.mergeTargetRows(options.out(), ResultsReport.TARGETS_HEADING, report.judgedTargetRows());
            for (Map.Entry<String, String> section : report.sections().entrySet()) {
                ResultsFile.replaceSection(options.out(), section.getKey(), section.getValue());
            }
        } else {
            ResultsFile.write(options.out(), report.document());
        }
        progress(String.format("wrote %s after %.1f min", options.out(), (System.nanoTime() - start) / 60e9));
    }

    /** A, and E on the tree of {@link #IDLE_TREE} directories, in the same runs. */
    private void registration() throws Exception {
        List<Integer> sizes = options.runs(Section.A) ? options.sizes() : List.of(IDLE_TREE);
        Path warmup = workspace.warmupTree();
        for (int size : sizes) {
            progress("[A] making a tree of " + Format.count(size) + " directories");
            Path tree = workspace.tree(size);
            boolean idle = options.runs(Section.E) && size == IDLE_TREE;
            for (int run = 0; run < options.runs(); run++) {
                for (PeerId peer : rotated(options.chosen(options.runs(Section.A) ? ESTABLISH_PEERS
                        : REGISTRATION_PEERS), run)) {
                    Map<String, Object> params = params("root", tree, "dirs", size, "warmup", warmup,
                            "idleMillis", idle ? options.idleMillis() : 0);
                    Measurement measured = measure(idle && !options.runs(Section.A) ? Section.E : Section.A, size,
                            run, peer, "registration", params);
                    if (measured != null && idle && options.runs(Section.A)) {
                        results.add(new Results.Cell(Section.E, size, peer), measured);
                    }
                }
            }
        }
    }

    private void bursts() throws Exception {
        for (int size : options.sizes()) {
            for (int run = 0; run < options.runs(); run++) {
                for (PeerId peer : rotated(options.chosen(BURST_PEERS), run)) {
                    Path dir = workspace.emptyDirectory("burst");
                    measure(Section.B, size, run, peer, "burst", params("dir", dir, "files", size,
                            "quietMillis", peer == NATIVEWATCH_RESCAN ? RESCAN_QUIET_MILLIS : QUIET_MILLIS,
                            "deadlineMillis", 120_000));
                    Workspace.delete(dir);
                }
            }
        }
    }

    private void latency() throws Exception {
        for (int run = 0; run < options.runs(); run++) {
            for (PeerId peer : rotated(options.chosen(REGISTRATION_PEERS), run)) {
                Path dir = workspace.emptyDirectory("latency");
                measure(Section.C, 0, run, peer, "latency", params("dir", dir, "writes", options.latencyWrites(),
                        "warmupWrites", LATENCY_WARMUP_WRITES, "pauseMillis", 2));
                Workspace.delete(dir);
            }
        }
    }

    private void race() throws Exception {
        for (int run = 0; run < options.runs(); run++) {
            for (PeerId peer : rotated(options.chosen(REGISTRATION_PEERS), run)) {
                Path root = workspace.emptyDirectory("race");
                measure(Section.D, 0, run, peer, "race", params("root", root, "rounds", RACE_ROUNDS,
                        "files", RACE_FILES, "pauseMillis", 20, "quietMillis", 1_000, "deadlineMillis", 60_000));
                Workspace.delete(root);
            }
        }
    }

    /** H: on each tree of A, the time from an OVERFLOW taken to the first and the last recovered events. */
    private void recoveries() throws Exception {
        for (int size : options.sizes()) {
            progress("[H] making a tree of " + Format.count(size) + " directories");
            Path tree = workspace.tree(size);
            for (int run = 0; run < options.runs(); run++) {
                for (PeerId peer : rotated(options.chosen(RECOVERY_PEERS), run)) {
                    measure(Section.H, size, run, peer, "recovery", params("root", tree, "dirs", size,
                            "files", RECOVERY_FILES, "deadlineMillis", 120_000));
                }
            }
        }
    }

    /** I: a burst, then steady creations, with a consumer that sleeps after every batch. */
    private void churn() throws Exception {
        for (int run = 0; run < options.runs(); run++) {
            for (PeerId peer : rotated(options.chosen(CHURN_PEERS), run)) {
                Path dir = workspace.emptyDirectory("churn");
                measure(Section.I, 0, run, peer, "churn", params("dir", dir, "burst", CHURN_BURST,
                        "everyMillis", CHURN_EVERY_MILLIS, "steadyMillis", CHURN_STEADY_MILLIS,
                        "consumerSleepMillis", CHURN_CONSUMER_SLEEP_MILLIS,
                        "quietMillis", peer == NATIVEWATCH_RESCAN ? RESCAN_QUIET_MILLIS : QUIET_MILLIS,
                        "deadlineMillis", 120_000));
                Workspace.delete(dir);
            }
        }
    }

    /** G: the same missing paths probed in a JVM with the JDK's default provider and in one with nativewatch's. */
    private void existsProbes() throws Exception {
        Path dir = workspace.emptyDirectory("exists");
        for (int run = 0; run < options.runs(); run++) {
            for (PeerId peer : rotated(EXISTS_PEERS, run)) {
                measure(Section.G, 0, run, peer, "exists", params("dir", dir, "paths", EXISTS_PATHS,
                        "rounds", options.quick() ? 10 : 40));
            }
        }
        Workspace.delete(dir);
    }

    /**
     * J: each peer in a fresh JVM that writes at once, with no warm-up. With {@code --profile}, every latency is
     * also kept, next to the JFR recording.
     */
    private void coldLatency() throws Exception {
        for (int run = 0; run < options.runs(); run++) {
            for (PeerId peer : rotated(options.chosen(COLD_PEERS), run)) {
                Path dir = workspace.emptyDirectory("cold");
                Map<String, Object> params = params("dir", dir, "writes", COLD_WRITES, "pauseMillis",
                        COLD_PAUSE_MILLIS);
                if (options.profile() != null) {
                    params.put("samples", options.profile().resolve("H-" + peer.name().toLowerCase() + "-run"
                            + (run + 1) + "-samples.txt").toAbsolutePath());
                }
                measure(Section.J, 0, run, peer, "coldlatency", params);
                Workspace.delete(dir);
            }
        }
    }

    /** Runs one child; a failure is recorded against its cell and shown in the tables, and the run goes on. */
    private Measurement measure(Section section, int size, int run, PeerId peer, String workload,
                                Map<String, Object> params) throws InterruptedException {
        Results.Cell cell = new Results.Cell(section, size, peer);
        String what = "[" + section + (size > 0 ? " " + Format.count(size) : "") + ", run " + (run + 1) + "/"
                + options.runs() + "] " + peer.label();
        List<String> jvmOptions = new ArrayList<>();
        if (section == Section.G && peer == NATIVEWATCH) {
            jvmOptions.add(DEFAULT_PROVIDER_OPTION);
        }
        if (section == Section.H || section == Section.I) {
            jvmOptions.add(CAP_OPTION);
        }
        if (options.profile() != null) {
            String name = section + (size > 0 ? "-" + size : "") + "-" + peer.name().toLowerCase() + "-run" + (run + 1);
            jvmOptions.add("-XX:StartFlightRecording=settings=profile,filename="
                    + options.profile().resolve(name + ".jfr").toAbsolutePath());
            if (section == Section.A) {
                params.put("histogram", options.profile().resolve(name + "-histogram.txt").toAbsolutePath());
            }
        }
        try {
            Measurement measured = fork.run(workload, peer, params, jvmOptions);
            results.add(cell, measured);
            progress(what + ": " + measured.values().entrySet().stream()
                    .map(e -> e.getKey() + "=" + Format.significant(e.getValue()))
                    .collect(Collectors.joining(" ")));
            return measured;
        } catch (IOException e) {
            results.failed(cell, e.getMessage());
            progress(what + ": FAILED " + e.getMessage());
            return null;
        }
    }

    /** Rotates the order of the peers from one run to the next, so that none always runs first or last. */
    private static List<PeerId> rotated(List<PeerId> peers, int run) {
        List<PeerId> order = new ArrayList<>(peers);
        Collections.rotate(order, -run);
        return order;
    }

    private static Map<String, Object> params(Object... namesAndValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            params.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return params;
    }

    private static void progress(String line) {
        System.err.println(line);
    }
}
