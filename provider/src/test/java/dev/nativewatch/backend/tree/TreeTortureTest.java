package dev.nativewatch.backend.tree;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A subtree watch under random tree changes (see {@link TortureRun}): fixed seeds in every build (or those of
 * {@code -Dnativewatch.torture.seeds=S1,S2}), and, with {@code -Dnativewatch.torture.minutes=N}, a soak with new
 * seeds for that long, on every backend or those of {@code -Dnativewatch.torture.backends=INOTIFY,POLLING}.
 * {@code -Dnativewatch.torture.names=plain} keeps every name plain ASCII.
 */
class TreeTortureTest {

    static final String SOAK_PROPERTY = "nativewatch.torture.minutes";
    static final int BATCHES = 3;
    static final int CHANGES_PER_BATCH = 15;

    /** Replays given seeds instead of the fixed ones, such as a soak's failing seed: a comma-separated list. */
    static final String SEEDS_PROPERTY = "nativewatch.torture.seeds";
    static final String BACKENDS_PROPERTY = "nativewatch.torture.backends";

    static Stream<Arguments> fixedSeeds() {
        String given = System.getProperty(SEEDS_PROPERTY, "");
        long[] seeds = given.isBlank() ? LongStream.rangeClosed(1, 10).toArray()
                : Stream.of(given.split(",")).mapToLong(s -> Long.parseLong(s.trim())).toArray();
        return Stream.of(WatchBackend.values())
                .flatMap(backend -> LongStream.of(seeds).mapToObj(seed -> Arguments.of(backend, seed)));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("fixedSeeds")
    void everyDirectoryOfAChangedTreeReportsItsProbe(WatchBackend backend, long seed, @TempDir Path temp)
            throws Exception {
        backend.assumeAvailable();
        TortureRun.Result result = TortureRun.run(backend, seed, temp, BATCHES, CHANGES_PER_BATCH);
        System.out.println(backend + " seed " + seed + ": " + result);
    }

    @Test
    void soak(@TempDir Path temp) throws Exception {
        double minutes = Double.parseDouble(System.getProperty(SOAK_PROPERTY, "0"));
        Assumptions.assumeTrue(minutes > 0, "a soak runs only when -D" + SOAK_PROPERTY + "=MINUTES is set");
        List<WatchBackend> backends = Stream.of(WatchBackend.values()).filter(TreeTortureTest::chosen)
                .filter(TreeTortureTest::available).toList();
        Assumptions.assumeFalse(backends.isEmpty(), "no backend of these tests is available here");
        long end = System.nanoTime() + Duration.ofSeconds((long) (minutes * 60)).toNanos();
        Random seeds = new Random();
        Map<WatchBackend, long[]> counts = new EnumMap<>(WatchBackend.class); // runs, exact, signalled, failed, probes
        List<String> failures = new ArrayList<>();
        for (int run = 0; System.nanoTime() < end; run++) {
            WatchBackend backend = backends.get(run % backends.size());
            long seed = seeds.nextLong();
            long[] count = counts.computeIfAbsent(backend, b -> new long[5]);
            count[0]++;
            Path dir = Files.createDirectory(temp.resolve("run-" + run));
            try {
                TortureRun.Result result = TortureRun.run(backend, seed, dir, BATCHES, CHANGES_PER_BATCH);
                count[result.outcome() == TortureRun.Outcome.EXACT ? 1 : 2]++;
                count[4] += result.probesReported();
                System.out.println("soak: " + backend + " seed " + seed + ": " + result);
            } catch (AssertionError e) {
                count[3]++;
                failures.add(backend + " seed " + seed);
                System.out.println("soak: " + backend + " seed " + seed + ": FAILED (details above)");
            } finally {
                TreeMutator.deleteTree(dir);
            }
        }
        counts.forEach((backend, c) -> System.out.println("soak: " + backend + ": " + c[0] + " runs, " + c[1]
                + " exact, " + c[2] + " with a signalled loss, " + c[3] + " failed, " + c[4] + " probes reported"));
        assertTrue(failures.isEmpty(), "failing seeds: " + failures);
    }

    /** {@code -Dnativewatch.torture.backends=INOTIFY} soaks one backend only; every one by default. */
    private static boolean chosen(WatchBackend backend) {
        String chosen = System.getProperty(BACKENDS_PROPERTY, "");
        return chosen.isBlank() || List.of(chosen.split(",")).contains(backend.name());
    }

    private static boolean available(WatchBackend backend) {
        try {
            backend.assumeAvailable();
            return true;
        } catch (org.opentest4j.TestAbortedException unavailable) {
            return false;
        }
    }
}
