package dev.nativewatch.bench;

import dev.nativewatch.bench.BenchOptions.Section;
import dev.nativewatch.bench.peers.PeerId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** Writes the measured part of RESULTS.md: machine, method, targets, then one table per workload. */
final class ResultsReport {

    private static final List<PeerId> REGISTRATION_PEERS = BenchMain.REGISTRATION_PEERS;
    static final String TARGETS_HEADING = "## Targets";
    static final String EXISTS_HEADING = "## G. `Files.exists` on missing paths, nativewatch as the default provider";

    private final Map<String, String> machine;
    private final BenchOptions options;
    private final Results results;
    private final List<Targets.Verdict> verdicts;
    private final List<MicroBenchmarks.Score> scores;

    ResultsReport(Map<String, String> machine, BenchOptions options, Results results, List<Targets.Verdict> verdicts,
                  List<MicroBenchmarks.Score> scores) {
        this.machine = machine;
        this.options = options;
        this.results = results;
        this.verdicts = verdicts;
        this.scores = scores;
    }

    /** @return the tables alone, for the terminal */
    String tables() {
        StringBuilder out = new StringBuilder();
        section(out, TARGETS_HEADING.substring(3), targets().toString(), null);
        sections().values().forEach(out::append);
        return out.toString();
    }

    /** @return the section of each workload that ran, by its heading, in the order of the document */
    Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        if (options.runs(Section.A)) {
            put(sections, "A. Establishing a recursive watch", registration(), "Time from the first call "
                    + "(new service, or process start for inotifywait) until every directory is watched; a fresh JVM "
                    + "per run, after watching and releasing a 10-directory tree so that class loading is not "
                    + "counted. Heap: used heap after 5 × `System.gc()` with the watch held, minus the same before "
                    + "it, divided by the directories watched (root included); approximate. Close: from the call to "
                    + "close() until it returned (for inotifywait: SIGTERM until the process has exited).");
        }
        if (options.runs(Section.B)) {
            put(sections, "B. Bursts of file creations in one watched directory", burst(),
                    "One thread creates the files as fast as it can (median creation time: "
                            + creationTimes() + "); the wait ends after 2 s without an event (10 s with "
                            + "RESCAN_ON_OVERFLOW, whose rescan is silent until it has scanned the directory), or "
                            + "0.3 s once every file has been seen. Time to last event counts from the first "
                            + "creation.");
        }
        if (options.runs(Section.C)) {
            put(sections, "C. Latency of single writes", latency(), options.latencyWrites()
                    + " measured writes per run, after " + Format.count(BenchMain.LATENCY_WARMUP_WRITES)
                    + " unmeasured ones so that both sides run compiled code; each a new file written with "
                    + "`Files.write`, 2 ms apart; from just before the write to the moment the consumer thread "
                    + "takes the event naming the file. Percentiles per run, then the median over the runs.");
        }
        if (options.runs(Section.D)) {
            put(sections, "D. New-subdirectory race", race(), "Under a recursive watch: create a "
                    + "directory and at once 100 files in it, 20 times (20 ms apart); files reported, out of 2,000.");
        }
        if (options.runs(Section.E)) {
            put(sections, "E. Idle cost", idle(), "With " + Format.count(BenchMain.IDLE_TREE)
                    + " directories watched, after 2 s to settle: CPU used over " + options.idleMillis() / 1000
                    + " s without file activity. Watcher threads: the peer's own threads and its consumer "
                    + "(`ThreadMXBean`); process: the whole JVM, GC and JIT included (for inotifywait its "
                    + "utime + stime from /proc, 10 ms resolution).");
        }
        if (options.runs(Section.G)) {
            sections.put(EXISTS_HEADING, existsSection());
        }
        recoverySections(sections);
        if (options.runs(Section.F) && !scores.isEmpty()) {
            put(sections, "F. Decoder microbenchmarks (JMH)", microbenchmarks(), "A short run: "
                    + MicroBenchmarks.settings(options.quick()) + "; scores in records decoded per second.");
        }
        if (options.runs(Section.J)) {
            ColdLatencyReport cold = new ColdLatencyReport(results);
            put(sections, ColdLatencyReport.TITLE, cold.table(), cold.note());
        }
        return sections;
    }

    /**
     * @return the rows of the targets table that this run judged, for a partial run to replace in RESULTS.md;
     * a target this run could not judge keeps the row an earlier run gave it
     */
    List<String> judgedTargetRows() {
        MarkdownTable table = new MarkdownTable("Target", "Measured (medians)", "Verdict");
        for (Targets.Verdict verdict : verdicts) {
            if (!verdict.verdict().startsWith("n/a")) {
                table.row(verdict.target(), verdict.measured(), "**" + verdict.verdict() + "**");
            }
        }
        List<String> lines = table.toString().lines().toList();
        return lines.subList(2, lines.size());
    }

    private void put(Map<String, String> sections, String title, MarkdownTable table, String note) {
        StringBuilder out = new StringBuilder();
        String date = machine.getOrDefault("Date", "");
        section(out, title, table.toString(), !options.partial() ? note : "Run on " + date + " with `--only "
                + options.sections().stream().map(Enum::name).collect(Collectors.joining(",")) + "`, "
                + options.runs() + (options.runs() == 1 ? " run" : " runs") + " (medians), on the shared 2-core "
                + "machine; the other sections may come from other runs. " + note);
        sections.put("## " + title, out.toString());
    }

    /** H and I: how RESCAN_ON_OVERFLOW recovers, after one overflow and under steady change. */
    private void recoverySections(Map<String, String> sections) {
        if (options.runs(Section.H)) {
            put(sections, "H. Recovery after an overflow: how soon the lost changes are told", recovery(),
                    "JDK " + Runtime.version().feature() + ", `" + BenchMain.CAP_OPTION + "`. A tree of A is "
                    + "watched with RESCAN_ON_OVERFLOW and nothing consuming while " + BenchMain.RECOVERY_FILES
                    + " files are created in its root, so the key's list is replaced by OVERFLOW; then the "
                    + "consumer takes the OVERFLOW and resets the key. First: from taking the OVERFLOW to taking "
                    + "the first batch of recovered events; last: to the batch with the last lost file. The JDK has "
                    + "no recovery; its user lists the tree again on OVERFLOW, and that walk (attributes of every "
                    + "entry) is what its row times.");
        }
        if (options.runs(Section.I)) {
            put(sections, "I. Steady change and a slow consumer", churn(), "JDK " + Runtime.version()
                    + ", `" + BenchMain.CAP_OPTION + "`" + (Runtime.version().feature() < 23 ? " (ignored by "
                    + "this JDK's own service, which keeps 512)" : "") + ". One watched directory: "
                    + BenchMain.CHURN_BURST + " files at once, then one new file every "
                    + BenchMain.CHURN_EVERY_MILLIS + " ms for " + BenchMain.CHURN_STEADY_MILLIS / 1000 + " s; the "
                    + "consumer sleeps " + BenchMain.CHURN_CONSUMER_SLEEP_MILLIS + " ms after every batch it takes. "
                    + "An OVERFLOW-only batch is one the consumer takes and learns nothing from.");
        }
    }

    /** @return the whole generated part of RESULTS.md */
    String document() {
        StringBuilder out = new StringBuilder("# nativewatch benchmarks\n\n");
        out.append("Generated by `bench/` (see the README's \"Benchmarks\" section); everything above the analysis "
                + "marker is rewritten by each run.\n\n");
        MarkdownTable about = new MarkdownTable("", "");
        machine.forEach(about::row);
        out.append(about).append('\n');
        out.append("**Method.** ").append(options.quick() ? "A `--quick` run: one run per figure, smaller sizes "
                + "only; a smoke test, not a result. " : "")
                .append("Each figure is the median of ").append(options.runs()).append(options.runs() == 1
                        ? " run" : " runs").append(" (A–E). This 2-core machine was shared with other work while "
                        + "measuring, so figures are noisy: compare ratios more than absolute values. Every run of "
                        + "A–E is a fresh JVM (`-Xmx3g`, G1) watching with one peer only, closed before the next "
                        + "starts; the order of the peers rotates between runs. Ratios are to the JDK (× JDK): "
                        + "below 1 is better for times, bytes and CPU, above 1 for files reported.\n\n");
        out.append(tables());
        return out.toString();
    }

    /**
     * @return section G, whole: it carries its own JDK, date and verdict, since {@code --only G} replaces it alone
     * in a RESULTS.md whose other sections may come from another run (and another JDK)
     */
    String existsSection() {
        StringBuilder out = new StringBuilder();
        Targets.Verdict verdict = Targets.exists(results);
        section(out, EXISTS_HEADING.substring(3), exists().toString(), "JDK " + Runtime.version() + ", "
                + machine.getOrDefault("Date", "") + ". " + Format.count(BenchMain.EXISTS_PATHS) + " paths that do "
                + "not exist, each given to `Files.exists` once per round; median ns per call over the measured "
                + "rounds (as many unmeasured rounds first), then the median over " + options.runs() + " run(s), "
                + "each a fresh JVM: one started with `" + BenchMain.DEFAULT_PROVIDER_OPTION + "`, one without. "
                + "Deep: the same loop called " + dev.nativewatch.bench.workloads.Workload.EXISTS_DEEP_FRAMES
                + " frames down. Run alone with `java -jar bench/target/nativewatch-bench.jar --only G`, which "
                + "replaces this section and keeps the rest of the file. Target: " + verdict.target() + ": "
                + verdict.measured() + ", **" + verdict.verdict() + "**.");
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String table, String note) {
        out.append("## ").append(title).append("\n\n");
        if (note != null) {
            out.append(note).append("\n\n");
        }
        out.append(table).append('\n');
    }

    private MarkdownTable targets() {
        MarkdownTable table = new MarkdownTable("Target", "Measured (medians)", "Verdict");
        for (Targets.Verdict verdict : verdicts) {
            table.row(verdict.target(), verdict.measured(), "**" + verdict.verdict() + "**");
        }
        return table;
    }

    private MarkdownTable registration() {
        MarkdownTable table = new MarkdownTable(">Directories", "Peer", ">Time to established (ms)", ">× JDK",
                ">Retained heap per directory (B, approx.)", ">× JDK", ">Time to close (ms)");
        for (int size : options.sizes()) {
            for (PeerId peer : BenchMain.ESTABLISH_PEERS) {
                OptionalDouble time = results.median(Section.A, size, peer, "establishMs");
                OptionalDouble heap = results.median(Section.A, size, peer, "heapBytesPerDir");
                table.row(Format.count(size), label(Section.A, size, peer), Format.millis(time),
                        Format.ratio(time, results.median(Section.A, size, PeerId.JDK, "establishMs")),
                        peer.jvm() ? Format.count(heap) : "n/a (not a JVM)",
                        peer.jvm() ? Format.ratio(heap, results.median(Section.A, size, PeerId.JDK, "heapBytesPerDir"))
                                : Format.NONE,
                        Format.millis(results.median(Section.A, size, peer, "closeMs")));
            }
        }
        return table;
    }

    private MarkdownTable burst() {
        MarkdownTable table = new MarkdownTable(">Files", "Peer", ">CREATE events", ">Distinct files", ">OVERFLOWs",
                ">Time to last event (ms)", ">× JDK", ">Runs with every file reported");
        for (int size : options.sizes()) {
            for (PeerId peer : BenchMain.BURST_PEERS) {
                OptionalDouble last = results.median(Section.B, size, peer, "lastEventMs");
                int runs = results.count(Section.B, size, peer);
                table.row(Format.count(size), label(Section.B, size, peer),
                        Format.count(results.median(Section.B, size, peer, "events")),
                        Format.count(results.median(Section.B, size, peer, "distinctFiles")),
                        Format.count(results.median(Section.B, size, peer, "overflows")),
                        Format.millis(last), Format.ratio(last, results.median(Section.B, size, PeerId.JDK, "lastEventMs")),
                        runs == 0 ? Format.NONE : results.runsWhere(Section.B, size, peer, "allReported", n -> n == 1)
                                + " of " + runs);
            }
        }
        return table;
    }

    private String creationTimes() {
        StringBuilder out = new StringBuilder();
        for (int size : options.sizes()) {
            OptionalDouble created = results.median(Section.B, size, PeerId.JDK, "createMs");
            out.append(out.length() == 0 ? "" : ", ").append(Format.count(size)).append(" files in ")
                    .append(Format.millis(created)).append(" ms");
        }
        return out.toString();
    }

    private MarkdownTable latency() {
        MarkdownTable table = new MarkdownTable("Peer", ">p50 (ms)", ">p90 (ms)", ">p99 (ms)", ">max (ms)",
                ">p99 × JDK", ">Writes never reported");
        for (PeerId peer : REGISTRATION_PEERS) {
            OptionalDouble p99 = results.median(Section.C, 0, peer, "p99Ms");
            table.row(label(Section.C, 0, peer), Format.millis(results.median(Section.C, 0, peer, "p50Ms")),
                    Format.millis(results.median(Section.C, 0, peer, "p90Ms")), Format.millis(p99),
                    Format.millis(results.median(Section.C, 0, peer, "maxMs")),
                    Format.ratio(p99, results.median(Section.C, 0, PeerId.JDK, "p99Ms")),
                    Format.count(results.median(Section.C, 0, peer, "lost")));
        }
        return table;
    }

    private MarkdownTable race() {
        MarkdownTable table = new MarkdownTable("Peer", ">Files reported (of 2,000)", ">× JDK", ">Fewest in a run");
        for (PeerId peer : REGISTRATION_PEERS) {
            OptionalDouble reported = results.median(Section.D, 0, peer, "reported");
            table.row(label(Section.D, 0, peer), Format.count(reported),
                    Format.ratio(reported, results.median(Section.D, 0, PeerId.JDK, "reported")),
                    Format.count(results.min(Section.D, 0, peer, "reported")));
        }
        return table;
    }

    private MarkdownTable idle() {
        String seconds = options.idleMillis() / 1000 + " s";
        MarkdownTable table = new MarkdownTable("Peer", ">Watcher threads' CPU in " + seconds + " (ms)",
                ">Process CPU in " + seconds + " (ms)");
        for (PeerId peer : REGISTRATION_PEERS) {
            table.row(label(Section.E, BenchMain.IDLE_TREE, peer),
                    peer.jvm() ? Format.decimal(results.median(Section.E, BenchMain.IDLE_TREE, peer,
                            "idleWatcherThreadsCpuMs"), 3) : "n/a (its own process)",
                    Format.decimal(results.median(Section.E, BenchMain.IDLE_TREE, peer, "idleProcessCpuMs"), 1));
        }
        return table;
    }

    private MarkdownTable exists() {
        MarkdownTable table = new MarkdownTable("Stack", ">JDK provider (ns/op)", ">nativewatch as default (ns/op)",
                ">× JDK");
        for (String[] depth : new String[][] {{"shallow", "shallowNsPerOp"}, {"150 frames deep", "deepNsPerOp"}}) {
            OptionalDouble jdk = results.median(Section.G, 0, PeerId.JDK, depth[1]);
            OptionalDouble ours = results.median(Section.G, 0, PeerId.NATIVEWATCH, depth[1]);
            table.row(depth[0], Format.count(jdk), label(Section.G, 0, PeerId.NATIVEWATCH).equals(PeerId.NATIVEWATCH
                    .label()) ? Format.count(ours) : label(Section.G, 0, PeerId.NATIVEWATCH), Format.ratio(ours, jdk));
        }
        return table;
    }

    private MarkdownTable recovery() {
        MarkdownTable table = new MarkdownTable(">Directories", "Peer", ">Entries", ">First recovered event (ms)",
                ">… per 10,000 entries (ms)", ">Last lost file (ms)", ">First × JDK relisting");
        for (int size : options.sizes()) {
            OptionalDouble jdk = results.median(Section.H, size, PeerId.JDK, "firstRecoveredMs");
            for (PeerId peer : BenchMain.RECOVERY_PEERS) {
                OptionalDouble first = results.median(Section.H, size, peer, "firstRecoveredMs");
                table.row(Format.count(size), peer == PeerId.JDK ? label(Section.H, size, peer)
                                + " (relisting the tree)" : label(Section.H, size, peer),
                        Format.count(results.median(Section.H, size, peer, "entries")), Format.millis(first)
                                + range(Section.H, size, peer, "firstRecoveredMs"),
                        Format.millis(results.median(Section.H, size, peer, "firstPer10kMs")),
                        Format.millis(results.median(Section.H, size, peer, "lastRecoveredMs")),
                        Format.ratio(first, jdk));
            }
        }
        return table;
    }

    private MarkdownTable churn() {
        MarkdownTable table = new MarkdownTable("Peer", ">Files", ">Batches", ">OVERFLOW-only batches",
                ">÷ batches", ">OVERFLOWs", ">Files reported ÷ files", ">Runs with every file reported");
        for (PeerId peer : BenchMain.CHURN_PEERS) {
            int runs = results.count(Section.I, 0, peer);
            table.row(label(Section.I, 0, peer), Format.count(results.median(Section.I, 0, peer, "files")),
                    Format.count(results.median(Section.I, 0, peer, "batches")),
                    Format.count(results.median(Section.I, 0, peer, "overflowOnlyBatches"))
                            + range(Section.I, 0, peer, "overflowOnlyBatches"),
                    Format.decimal(results.median(Section.I, 0, peer, "overflowOnlyShare"), 3),
                    Format.count(results.median(Section.I, 0, peer, "overflows")),
                    Format.decimal(results.median(Section.I, 0, peer, "reportedShare"), 4),
                    runs == 0 ? Format.NONE : results.runsWhere(Section.I, 0, peer, "reportedShare", n -> n == 1)
                            + " of " + runs);
        }
        return table;
    }

    /** @return " (low–high)" over the runs, when there were several */
    private String range(Section section, int size, PeerId peer, String figure) {
        if (results.count(section, size, peer) < 2) {
            return "";
        }
        return " (" + Format.millis(results.min(section, size, peer, figure)) + "–"
                + Format.millis(results.max(section, size, peer, figure)) + ")";
    }

    private MarkdownTable microbenchmarks() {
        MarkdownTable table = new MarkdownTable("Benchmark", "Decodes", ">Records per second", ">± (99.9%)");
        for (MicroBenchmarks.Score score : scores) {
            table.row("`" + score.benchmark() + "`", score.decodes(), Format.count(score.recordsPerSecond()),
                    Format.count(score.error()));
        }
        return table;
    }

    /** @return the peer's name, with the runs that failed and why, if any did */
    private String label(Section section, int size, PeerId peer) {
        List<String> failures = results.failures(section, size, peer);
        return failures.isEmpty() ? peer.label()
                : peer.label() + " (" + failures.size() + " run(s) failed: "
                        + failures.get(0).replace("|", "/").replace("\n", " ") + ")";
    }
}
