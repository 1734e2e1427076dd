package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.Measurement;
import dev.nativewatch.bench.Stats;
import dev.nativewatch.bench.peers.PeerId;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * G: {@code Files.exists} on paths that do not exist, in a JVM whose default provider is the JDK's (peer JDK) or
 * nativewatch's (peer NATIVEWATCH, started with {@code -Djava.nio.file.spi.DefaultFileSystemProvider}). Measured
 * at a shallow stack and 150 frames deep, since a provider that answers a miss with an exception pays for every
 * frame when the exception fills in its stack trace, and framework code probes files from deep stacks.
 *
 * <p>Parameters: {@code dir} (an existing directory; the paths are missing names in it), {@code paths},
 * {@code rounds} (measured rounds per depth, after as many unmeasured ones).
 */
final class ExistsWorkload implements Workload {

    static final int DEEP_FRAMES = 150;

    private int found;

    @Override
    public Measurement run(PeerId peer, Map<String, String> params) throws Exception {
        String provider = FileSystems.getDefault().provider().getClass().getName();
        boolean nativewatch = provider.startsWith("dev.nativewatch.");
        if (nativewatch != (peer == PeerId.NATIVEWATCH)) {
            throw new IllegalStateException("peer " + peer + " but the default provider is " + provider);
        }
        Path dir = Path.of(params.get("dir"));
        Path[] paths = new Path[Integer.parseInt(params.get("paths"))];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = dir.resolve("missing-" + i);
        }
        int rounds = Integer.parseInt(params.get("rounds"));
        List<Double> shallow = new ArrayList<>();
        List<Double> deep = new ArrayList<>();
        for (int round = 0; round < 2 * rounds; round++) {
            boolean measured = round >= rounds;
            // Alternating, so that neither depth always runs on a warmer JIT or a quieter machine.
            double shallowNs = atDepth(0, paths);
            double deepNs = atDepth(DEEP_FRAMES, paths);
            if (measured) {
                shallow.add(shallowNs);
                deep.add(deepNs);
            }
        }
        if (found != 0) {
            throw new IllegalStateException(found + " of the missing paths exist");
        }
        return new Measurement().put("shallowNsPerOp", Stats.median(shallow)).put("deepNsPerOp", Stats.median(deep));
    }

    /** @return nanoseconds per {@code Files.exists} over every path, called {@code frames} frames deeper */
    private double atDepth(int frames, Path[] paths) {
        if (frames > 0) {
            return atDepth(frames - 1, paths);
        }
        long start = System.nanoTime();
        int exists = 0;
        for (Path path : paths) {
            if (Files.exists(path)) {
                exists++;
            }
        }
        long elapsed = System.nanoTime() - start;
        found += exists; // Used, so that the calls cannot be dropped.
        return (double) elapsed / paths.length;
    }
}
