package dev.nativewatch.bench.windows;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

/**
 * The Windows side of the benchmarks: nativewatch's Windows backend (one handle per tree, the production JNA
 * adapter) against the JDK's own WindowsWatchService, on whatever Windows JVM runs this, which here is a Windows
 * Java runtime under Wine. Wine is not Windows, so only ratios mean anything, and only as a smoke test of scale.
 * Prints markdown.
 *
 * <pre>{@code wine java.exe -Ddev.nativewatch.backend=windows -cp nativewatch-bench.jar
 *     dev.nativewatch.bench.windows.WindowsJvmBench DIR [RUNS]}</pre>
 *
 * <ul>
 *   <li>A: a recursive watch on 10,000 directories established (and closed): nativewatch's SUBTREE, the JDK with
 *       FILE_TREE where this runtime has it (com.sun.nio.file lives in jdk.unsupported), the JDK with every
 *       directory registered;</li>
 *   <li>B: 2,000 files created in one watched directory: the JDK until every one is reported or OVERFLOW,
 *       nativewatch with RESCAN_ON_OVERFLOW until every one is reported;</li>
 *   <li>C: 200 single writes, each awaited, the latency's median.</li>
 * </ul>
 */
public final class WindowsJvmBench {

    private static final int DIRS_PER_LEVEL = 100;
    private static final int BURST_FILES = 2_000;
    private static final int LATENCY_WRITES = 200;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);
    private static final WatchEvent.Kind<?>[] KINDS = {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY};

    private WindowsJvmBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createDirectories(Path.of(args[0]));
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tree = base.resolve("tree");
        createTree(tree);
        WatchEvent.Modifier fileTree = jdkFileTree();

        System.out.println("| | nativewatch | JDK, FILE_TREE | JDK, every directory |");
        System.out.println("|---|---:|---:|---:|");
        double nwEstablish = median(runs, () -> establish(tree, Peer.NATIVEWATCH, null));
        double jdkTree = fileTree == null ? Double.NaN : median(runs, () -> establish(tree, Peer.JDK, fileTree));
        double jdkEach = median(runs, () -> establish(tree, Peer.JDK_EVERY_DIRECTORY, null));
        System.out.printf(Locale.ROOT, "| A. watch on %,d directories established, ms (x JDK every directory) | %.0f (%.2gx) | %s | %.0f |%n",
                DIRS_PER_LEVEL * DIRS_PER_LEVEL + DIRS_PER_LEVEL, nwEstablish, nwEstablish / jdkEach,
                fileTree == null ? "not in this runtime (no jdk.unsupported)"
                        : String.format(Locale.ROOT, "%.0f (%.2gx)", jdkTree, jdkTree / jdkEach), jdkEach);

        Result nwBurst = burst(base.resolve("burst-nw"), Peer.NATIVEWATCH);
        Result jdkBurst = burst(base.resolve("burst-jdk"), Peer.JDK);
        System.out.printf(Locale.ROOT, "| B. %,d creations: files reported, OVERFLOW seen (nativewatch with RESCAN_ON_OVERFLOW) | %d, %s | | %d, %s |%n",
                BURST_FILES, nwBurst.reported, nwBurst.overflow ? "yes" : "no",
                jdkBurst.reported, jdkBurst.overflow ? "yes" : "no");

        double nwLatency = latency(base.resolve("latency-nw"), Peer.NATIVEWATCH);
        double jdkLatency = latency(base.resolve("latency-jdk"), Peer.JDK);
        System.out.printf(Locale.ROOT, "| C. single-write latency, median of %d, ms (x JDK) | %.2f (%.2fx) | | %.2f |%n",
                LATENCY_WRITES, nwLatency, nwLatency / jdkLatency, jdkLatency);
        System.out.println();
        System.out.println("Runtime: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("os.name") + "; nativewatch backend: " + NativeWatch.backend().name()
                + "; A is the median of " + runs + " runs (the first also loads the classes), B and C one run each.");
    }

    private enum Peer {
        NATIVEWATCH, JDK, JDK_EVERY_DIRECTORY;

        WatchService open() throws IOException {
            return this == NATIVEWATCH ? NativeWatch.newWatchService() : FileSystems.getDefault().newWatchService();
        }

        Path path(Path path) {
            return this == NATIVEWATCH ? NativeWatch.path(path) : path;
        }
    }

    private record Result(int reported, boolean overflow) {
    }

    @FunctionalInterface
    private interface Measured {
        double millis() throws Exception;
    }

    private static double median(int runs, Measured measured) throws Exception {
        double[] values = new double[runs];
        for (int i = 0; i < runs; i++) {
            values[i] = measured.millis();
        }
        Arrays.sort(values);
        return values[runs / 2];
    }

    private static double establish(Path tree, Peer peer, WatchEvent.Modifier fileTree) throws Exception {
        try (WatchService service = peer.open()) {
            long start = System.nanoTime();
            if (peer == Peer.NATIVEWATCH) {
                peer.path(tree).register(service, KINDS, ExtendedModifiers.SUBTREE);
            } else if (fileTree != null) {
                tree.register(service, KINDS, fileTree);
            } else {
                List<Path> dirs = new ArrayList<>();
                try (var walk = Files.walk(tree)) {
                    walk.filter(Files::isDirectory).forEach(dirs::add);
                }
                for (Path dir : dirs) {
                    dir.register(service, KINDS);
                }
            }
            return (System.nanoTime() - start) / 1e6;
        }
    }

    private static Result burst(Path dir, Peer peer) throws Exception {
        Files.createDirectories(dir);
        try (WatchService service = peer.open()) {
            boolean recover = peer == Peer.NATIVEWATCH;
            if (recover) {
                peer.path(dir).register(service, KINDS, ExtendedModifiers.RESCAN_ON_OVERFLOW);
            } else {
                peer.path(dir).register(service, KINDS);
            }
            for (int i = 0; i < BURST_FILES; i++) {
                Files.createFile(dir.resolve("f" + i));
            }
            Set<String> seen = new HashSet<>();
            boolean overflow = false;
            long deadline = System.nanoTime() + DEADLINE_NANOS;
            while (seen.size() < BURST_FILES && (recover || !overflow) && System.nanoTime() < deadline) {
                WatchKey key = service.poll(1, TimeUnit.SECONDS);
                if (key == null) {
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW) {
                        overflow = true;
                    } else if (event.kind() == ENTRY_CREATE) {
                        seen.add(event.context().toString());
                    }
                }
                key.reset();
            }
            return new Result(seen.size(), overflow);
        }
    }

    private static double latency(Path dir, Peer peer) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.createFile(dir.resolve("f"));
        try (WatchService service = peer.open()) {
            peer.path(dir).register(service, KINDS);
            double[] millis = new double[LATENCY_WRITES];
            for (int i = 0; i < LATENCY_WRITES; i++) {
                long start = System.nanoTime();
                Files.writeString(file, Integer.toString(i));
                WatchKey key = service.poll(DEADLINE_NANOS, TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new IllegalStateException("no event for write " + i);
                }
                millis[i] = (System.nanoTime() - start) / 1e6;
                key.pollEvents();
                key.reset();
                drain(service);
            }
            Arrays.sort(millis);
            return millis[LATENCY_WRITES / 2];
        }
    }

    /** Takes what a write reported after its first event, so that the next write starts from a quiet service. */
    private static void drain(WatchService service) throws InterruptedException {
        WatchKey key;
        while ((key = service.poll(20, TimeUnit.MILLISECONDS)) != null) {
            key.pollEvents();
            key.reset();
        }
    }

    private static void createTree(Path tree) throws IOException {
        for (int i = 0; i < DIRS_PER_LEVEL; i++) {
            for (int j = 0; j < DIRS_PER_LEVEL; j++) {
                Files.createDirectories(tree.resolve("d" + i).resolve("d" + j));
            }
        }
    }

    /** @return the JDK's FILE_TREE modifier, or null where this runtime lacks the jdk.unsupported module */
    private static WatchEvent.Modifier jdkFileTree() {
        try {
            Class<?> type = Class.forName("com.sun.nio.file.ExtendedWatchEventModifier");
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals("FILE_TREE")) {
                    return (WatchEvent.Modifier) constant;
                }
            }
        } catch (ClassNotFoundException e) {
            // not in this runtime
        }
        return null;
    }
}
