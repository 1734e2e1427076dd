package dev.nativewatch.backend.tree;

import dev.nativewatch.backend.windows.WineWatchServices;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

/**
 * The torture test of {@link TortureRun} on the Windows backend, against Wine's real ReadDirectoryChangesW through
 * the bridge, with the changes Wine follows (see {@link WineTreeMutator} for those left out, and why): fixed seeds
 * in every build, or those of {@code -Dnativewatch.torture.seeds=S1,S2}, and a soak with
 * {@code -Dnativewatch.torture.minutes=N} (see {@link TortureSoak}). Skipped, saying why, where Wine cannot run.
 */
class WineTreeTortureTest {

    static final int FIXED_SEEDS = 10;
    static final int BATCHES = 3;
    static final int CHANGES_PER_BATCH = 15;

    static final TortureRun.Subject WINE = new TortureRun.Subject("WINDOWS (Wine)",
            () -> new Watching(WineWatchServices.open()), WineTreeMutator::new);

    static LongStream fixedSeeds() {
        return LongStream.of(TortureSoak.seeds(FIXED_SEEDS));
    }

    @BeforeEach
    void assumeWine() throws Exception {
        WatchBackend.assumeLinux();
        WineWatchServices.assumeAvailable();
        if (!WineTreeMutator.NAMES_BEYOND_ASCII) {
            System.out.println("WINDOWS (Wine): names stay ASCII: this JVM's file names are "
                    + System.getProperty("sun.jnu.encoding") + ", not UTF-8");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("fixedSeeds")
    void everyDirectoryOfAChangedTreeReportsItsProbe(long seed, @TempDir Path temp) throws Exception {
        TortureRun.Result result = TortureRun.run(WINE, seed, temp, BATCHES, CHANGES_PER_BATCH);
        System.out.println(WINE + " seed " + seed + ": " + result);
    }

    @Test
    void soak(@TempDir Path temp) throws Exception {
        Duration time = TortureSoak.assumeSoakRequested();
        TortureSoak.soak(temp, List.of(WINE), time, BATCHES, CHANGES_PER_BATCH);
    }
}
