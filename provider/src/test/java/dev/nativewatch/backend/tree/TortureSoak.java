package dev.nativewatch.backend.tree;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the torture tests share beyond one run: the seeds to run ({@code -Dnativewatch.torture.seeds=S1,S2}
 * replays given ones, such as a soak's failing seed, instead of the fixed ones), and the soak that runs new seeds
 * for {@code -Dnativewatch.torture.minutes=N} minutes and counts how the runs ended.
 */
final class TortureSoak {

    static final String SOAK_PROPERTY = "nativewatch.torture.minutes";
    static final String SEEDS_PROPERTY = "nativewatch.torture.seeds";

    private TortureSoak() {
    }

    /** @return the seeds given by the property, or 1 to {@code fixed} */
    static long[] seeds(int fixed) {
        String given = System.getProperty(SEEDS_PROPERTY, "");
        return given.isBlank() ? LongStream.rangeClosed(1, fixed).toArray()
                : Stream.of(given.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
    }

    /** @return how long to soak; skips the calling test, saying how to ask for a soak, when none was asked for */
    static Duration assumeSoakRequested() {
        double minutes = Double.parseDouble(System.getProperty(SOAK_PROPERTY, "0"));
        Assumptions.assumeTrue(minutes > 0, "a soak runs only when -D" + SOAK_PROPERTY + "=MINUTES is set");
        return Duration.ofSeconds((long) (minutes * 60));
    }

    /**
     * Runs new random seeds on the subjects in turn for {@code time}, each in a fresh directory under {@code temp},
     * prints each run's outcome and each subject's counts, and fails at the end if any run failed.
     */
    static void soak(Path temp, List<TortureRun.Subject> subjects, Duration time, int batches, int changes)
            throws Exception {
        long end = System.nanoTime() + time.toNanos();
        Random seeds = new Random();
        Map<String, long[]> counts = new LinkedHashMap<>(); // runs, exact, signalled, failed, probes, overflows, rescans
        List<String> failures = new ArrayList<>();
        for (int run = 0; System.nanoTime() < end; run++) {
            TortureRun.Subject subject = subjects.get(run % subjects.size());
            long seed = seeds.nextLong();
            long[] count = counts.computeIfAbsent(subject.name(), s -> new long[7]);
            count[0]++;
            Path dir = Files.createDirectory(temp.resolve("run-" + run));
            try {
                TortureRun.Result result = TortureRun.run(subject, seed, dir, batches, changes);
                count[result.outcome() == TortureRun.Outcome.EXACT ? 1 : 2]++;
                count[4] += result.probesReported();
                count[5] += result.queueOverflows();
                count[6] += result.rescansChecked();
                System.out.println("soak: " + subject + " seed " + seed + ": " + result);
            } catch (AssertionError e) {
                count[3]++;
                failures.add(subject + " seed " + seed);
                System.out.println("soak: " + subject + " seed " + seed + ": FAILED (details above)");
            } finally {
                TreeMutator.deleteTree(dir);
            }
        }
        counts.forEach((subject, c) -> System.out.println("soak: " + subject + ": " + c[0] + " runs, " + c[1]
                + " exact, " + c[2] + " with a signalled loss, " + c[3] + " failed, " + c[4] + " probes reported, "
                + c[5] + " queue overflows recovered from, " + c[6] + " rescans checked against the disk"));
        assertTrue(failures.isEmpty(), "failing seeds: " + failures);
    }
}
