package dev.nativewatch.bench;

import dev.nativewatch.bench.peers.PeerId;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to run, from the command line.
 *
 * <pre>
 * --quick        one run each, the smaller sizes only, a shorter idle and JMH run: a smoke test, not a result
 * --runs N       runs per peer and size for A-E, G and J (default 3); medians are quoted
 * --only A,C,F   run only these workloads (A-J), and replace only their sections (and their rows of the targets) in
 *                RESULTS.md, keeping the rest
 * --dir PATH     where the trees and bursts are made (default: a new directory on tmpfs, /dev/shm, if there is
 *                one, else under java.io.tmpdir; see Workspace)
 * --out FILE     where RESULTS.md goes (default: bench/RESULTS.md from the project root, else ./RESULTS.md)
 * --sizes N,M    the tree and burst sizes of A, B and H instead of the defaults (10000,100000; --quick: 10000)
 * --peers P,Q    measure only these peers (nativewatch, nativewatch_rescan, jdk, directory_watcher, inotifywait,
 *                handoff);
 *                a ratio to a peer that was not measured is left empty
 * --profile DIR  also record each child with JFR (profile settings) and, in A, write a class histogram of the
 *                heap with the watch held, both into DIR: to find out why a target is missed
 * </pre>
 */
record BenchOptions(boolean quick, int runs, Set<Section> sections, Path dir, Path out, Path profile,
                    List<Integer> chosenSizes, Set<PeerId> peers) {

    /** The workloads, by the letters the README and RESULTS.md use. */
    enum Section { A, B, C, D, E, F, G, H, I, J }

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Integer runs = null;
        Set<Section> sections = EnumSet.allOf(Section.class);
        Path dir = null;
        Path profile = null;
        List<Integer> chosenSizes = null;
        Set<PeerId> peers = EnumSet.allOf(PeerId.class);
        Path out = Files.isDirectory(Path.of("bench")) ? Path.of("bench", "RESULTS.md") : Path.of("RESULTS.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--runs" -> runs = Integer.parseInt(value(args, ++i));
                case "--only" -> {
                    sections = EnumSet.noneOf(Section.class);
                    for (String letter : value(args, ++i).split(",")) {
                        sections.add(Section.valueOf(letter.trim().toUpperCase()));
                    }
                }
                case "--dir" -> dir = Path.of(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                case "--profile" -> profile = Path.of(value(args, ++i));
                case "--sizes" -> chosenSizes = Arrays.stream(value(args, ++i).split(","))
                        .map(String::trim).map(Integer::valueOf).toList();
                case "--peers" -> {
                    peers = EnumSet.noneOf(PeerId.class);
                    for (String name : value(args, ++i).split(",")) {
                        peers.add(PeerId.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --quick, --runs N, --only A,B,C,D,E,F,G,H,I,J, --sizes N,M, --peers P,Q, --dir PATH,"
                        + " --out FILE, --profile DIR");
            }
        }
        if (runs != null && runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new BenchOptions(quick, runs != null ? runs : quick ? 1 : 3, sections, dir, out, profile, chosenSizes,
                peers);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** @return those of {@code candidates} that were asked for, in their order */
    List<PeerId> chosen(List<PeerId> candidates) {
        return candidates.stream().filter(peers::contains).toList();
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    /** @return whether only some workloads run: they then update their own sections of RESULTS.md alone */
    boolean partial() {
        return !sections.equals(EnumSet.allOf(Section.class));
    }

    /** @return the tree sizes of A and H (and the burst sizes of B) */
    List<Integer> sizes() {
        if (chosenSizes != null) {
            return chosenSizes;
        }
        return quick ? List.of(10_000) : List.of(10_000, 100_000);
    }

    /** @return how long E measures an idle watcher */
    long idleMillis() {
        return quick ? 3_000 : 10_000;
    }

    /** Measured writes per run of C: with 1,000, p99 is the 10th-worst sample, not the 3rd. */
    int latencyWrites() {
        return quick ? 200 : 1_000;
    }
}
