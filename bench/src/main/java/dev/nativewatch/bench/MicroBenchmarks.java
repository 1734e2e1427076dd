package dev.nativewatch.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * F: the JMH microbenchmarks of the two decoders, run in JMH's own forks from this jar. The run is short on
 * purpose (see {@link #settings}); the error JMH reports says how far to trust it.
 */
final class MicroBenchmarks {

    /** One benchmark's score: records decoded per second, and JMH's 99.9% error margin. */
    record Score(String benchmark, String decodes, double recordsPerSecond, double error, String settings) {
    }

    private MicroBenchmarks() {
    }

    static List<Score> run(boolean quick) throws RunnerException {
        Options options = new OptionsBuilder()
                .include("dev\\.nativewatch\\.backend\\..*DecoderBenchmark")
                .forks(quick ? 1 : 2)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.SECONDS)
                .verbosity(VerboseMode.SILENT)
                .build();
        List<Score> scores = new ArrayList<>();
        for (RunResult result : new Runner(options).run()) {
            String benchmark = result.getParams().getBenchmark();
            String simpleName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            scores.add(new Score(simpleName, decodes(benchmark), result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError(), settings(quick)));
        }
        return scores;
    }

    private static String decodes(String benchmark) {
        return benchmark.contains("Inotify") ? "inotify_event (64 KB read, 2048 records)"
                : "FILE_NOTIFY_INFORMATION (16 KB buffer, 400 records)";
    }

    static String settings(boolean quick) {
        return quick ? "1 fork, 1 × 1 s warm-up, 2 × 1 s measured" : "2 forks, 3 × 1 s warm-up, 5 × 1 s measured";
    }
}
