package dev.nativewatch.bench;

import dev.nativewatch.bench.BenchOptions.Section;
import dev.nativewatch.bench.peers.PeerId;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Section J of RESULTS.md and its target: cold single-write latency, nativewatch against the JDK's WatchService,
 * with inotifywait and a bare thread hand-off for scale.
 */
final class ColdLatencyReport {

    static final String TITLE = "J. Cold latency of single writes";

    /** The two kinds of write H measures: the figures' prefix and how the tables name them. */
    private static final String[][] WRITES = {{"create", "new files"}, {"append", "appends"}};

    private final Results results;

    ColdLatencyReport(Results results) {
        this.results = results;
    }

    String note() {
        return "How a watcher in a developer tool lives: sparse writes and mostly interpreted code. Each run is a "
                + "fresh JVM per peer with no warm-up; it writes " + BenchMain.COLD_WRITES + " new files, then "
                + "appends " + BenchMain.COLD_WRITES + " times to a file that existed before the watch began, "
                + BenchMain.COLD_PAUSE_MILLIS + " ms apart; each latency is from just before the write "
                + "(`Files.write`) to the moment the consumer thread takes the event naming the file (CREATE, then "
                + "MODIFY). Hand-off only: no watcher; the writing thread itself wakes the consumer through a "
                + "`LinkedBlockingQueue`, the floor of any watcher that reports on another thread. Percentiles per "
                + "run, then the median over the runs, with the range of the per-run figures; the first write "
                + "(class loading on both sides) is counted like the others. CPU per write, medians over the runs: "
                + "the peer's own threads (its poller and the consumer; for inotifywait its process, in 10 ms ticks, "
                + "without the JVM's thread that reads its output), and the whole JVM, the JIT compilers included. "
                + "Target: nativewatch's p50 and p99 no "
                + "worse than the JDK's, for new files and for appends, judged on the medians over the runs (the "
                + "targets table also counts the runs in which it held).";
    }

    MarkdownTable table() {
        MarkdownTable table = new MarkdownTable("Writes", "Peer", ">p50 (ms)", ">p50, runs (ms)", ">p90 (ms)",
                ">p99 (ms)", ">p99, runs (ms)", ">max (ms)", ">first write (ms)", ">p50 × JDK", ">p99 × JDK",
                ">never reported", ">watcher CPU per write (µs)", ">JVM CPU per write (µs)");
        for (String[] writes : WRITES) {
            for (PeerId peer : BenchMain.COLD_PEERS) {
                OptionalDouble p50 = median(peer, writes[0] + "P50Ms");
                OptionalDouble p99 = median(peer, writes[0] + "P99Ms");
                table.row(writes[1], peer.label(), Format.millis(p50), range(peer, writes[0] + "P50Ms"),
                        Format.millis(median(peer, writes[0] + "P90Ms")), Format.millis(p99),
                        range(peer, writes[0] + "P99Ms"), Format.millis(median(peer, writes[0] + "MaxMs")),
                        Format.millis(median(peer, writes[0] + "FirstMs")),
                        Format.ratio(p50, median(PeerId.JDK, writes[0] + "P50Ms")),
                        Format.ratio(p99, median(PeerId.JDK, writes[0] + "P99Ms")),
                        Format.count(median(peer, writes[0] + "Lost")),
                        Format.count(median(peer, writes[0] + "WatcherCpuUs")),
                        peer.jvm() ? Format.count(median(peer, writes[0] + "ProcessCpuUs")) : Format.NONE);
            }
        }
        return table;
    }

    /** p50 and p99 of both kinds of write, nativewatch's medians against the JDK's from the same invocation. */
    static Targets.Verdict verdict(Results results) {
        List<String> measured = new ArrayList<>();
        boolean judged = true;
        boolean pass = true;
        for (String[] writes : WRITES) {
            List<String> figures = new ArrayList<>();
            for (String percentile : new String[] {"P50", "P99"}) {
                String figure = writes[0] + percentile + "Ms";
                OptionalDouble ours = results.median(Section.J, 0, PeerId.NATIVEWATCH, figure);
                OptionalDouble jdk = results.median(Section.J, 0, PeerId.JDK, figure);
                if (ours.isEmpty() || jdk.isEmpty()) {
                    judged = false;
                    continue;
                }
                pass &= ours.getAsDouble() <= jdk.getAsDouble();
                figures.add(percentile.toLowerCase() + " " + Format.millis(ours) + " vs " + Format.millis(jdk)
                        + " ms (" + Format.ratio(ours, jdk) + "; ≤ in " + runsNoWorse(results, figure) + " runs)");
            }
            if (!figures.isEmpty()) {
                measured.add(writes[1] + ": " + String.join(", ", figures));
            }
        }
        return new Targets.Verdict("Cold single-write latency (J): p50 and p99 no worse than the JDK's, new files "
                + "and appends", measured.isEmpty() ? Format.NONE : String.join("; ", measured),
                !judged ? "n/a" : pass ? "PASS" : "MISS");
    }

    /** @return "k of n": the runs where nativewatch's figure was no worse than the JDK's of the same round */
    private static String runsNoWorse(Results results, String figure) {
        List<Double> ours = results.each(Section.J, 0, PeerId.NATIVEWATCH, figure);
        List<Double> jdk = results.each(Section.J, 0, PeerId.JDK, figure);
        int rounds = Math.min(ours.size(), jdk.size());
        int noWorse = 0;
        for (int i = 0; i < rounds; i++) {
            noWorse += ours.get(i) <= jdk.get(i) ? 1 : 0;
        }
        return noWorse + " of " + rounds;
    }

    private OptionalDouble median(PeerId peer, String figure) {
        return results.median(Section.J, 0, peer, figure);
    }

    private String range(PeerId peer, String figure) {
        OptionalDouble min = results.min(Section.J, 0, peer, figure);
        OptionalDouble max = results.max(Section.J, 0, peer, figure);
        return min.isEmpty() ? Format.NONE : Format.millis(min) + "–" + Format.millis(max);
    }
}
