package dev.nativewatch.bench;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.NativeWatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

/**
 * What an exclusion saves: a tree of 10,000 directories, 9,000 of them in {@code node_modules} directories, watched
 * recursively with and without {@code exclude("**}{@code /node_modules")}. Prints, per variant, the median time
 * until the registration returned (every directory watched) and the kernel watches it holds, counted from the
 * {@code inotify wd:} lines of this process's inotify descriptors in {@code /proc/self/fdinfo}.
 *
 * <p>{@code java -cp nativewatch-bench.jar dev.nativewatch.bench.ExclusionBench [--runs N] [--dir PATH]}
 */
public final class ExclusionBench {

    static final int PROJECTS = 10;
    static final int PACKAGES = 29;
    static final int PACKAGE_DIRECTORIES = 30;
    static final int SOURCE_DIRECTORIES = 98;
    static final String GLOB = "**/node_modules";

    private ExclusionBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path base = Path.of("/dev/shm");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> base = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --dir PATH");
            }
        }
        Path root = Files.createTempDirectory(base, "nativewatch-exclusion-");
        try {
            int[] counts = makeTree(root);
            System.out.printf("tree: %,d directories under the root, %,d of them in node_modules; backend %s%n",
                    counts[0], counts[1], NativeWatch.backend().name());
            measure(root, false); // warm-up: class loading and compilation are not counted
            measure(root, true);
            List<double[]> plain = new ArrayList<>();
            List<double[]> excluded = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                // Alternate the order, so that neither variant always runs on a cache the other warmed.
                if (run % 2 == 0) {
                    plain.add(measure(root, false));
                    excluded.add(measure(root, true));
                } else {
                    excluded.add(measure(root, true));
                    plain.add(measure(root, false));
                }
            }
            System.out.println("| Watch | Time to established (ms, median of " + runs + ") | Kernel watches |");
            System.out.println("|---|---:|---:|");
            print("SUBTREE", plain);
            print("SUBTREE + exclude(\"" + GLOB + "\")", excluded);
        } finally {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void print(String variant, List<double[]> results) {
        double[] times = results.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double[] watches = results.stream().mapToDouble(r -> r[1]).sorted().toArray();
        System.out.printf("| %s | %,.0f | %,.0f |%n", variant, times[times.length / 2], watches[watches.length / 2]);
    }

    /** @return {time to established in ms, kernel watches held} for one fresh service */
    private static double[] measure(Path root, boolean exclude) throws IOException {
        long before = kernelWatches();
        WatchEvent.Modifier[] modifiers = exclude
                ? new WatchEvent.Modifier[] {ExtendedModifiers.SUBTREE, ExtendedModifiers.exclude(GLOB)}
                : new WatchEvent.Modifier[] {ExtendedModifiers.SUBTREE};
        try (WatchService service = NativeWatch.newWatchService()) {
            long start = System.nanoTime();
            NativeWatch.path(root).register(service, new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE,
                    ENTRY_MODIFY}, modifiers);
            double millis = (System.nanoTime() - start) / 1e6;
            return new double[] {millis, kernelWatches() - before};
        }
    }

    /**
     * Each project: {@code src} with {@value #SOURCE_DIRECTORIES} directories, and {@code node_modules} with
     * {@value #PACKAGES} packages of {@value #PACKAGE_DIRECTORIES} directories each.
     *
     * @return {directories under the root, directories in node_modules (node_modules included)}
     */
    private static int[] makeTree(Path root) throws IOException {
        int all = 0;
        int inNodeModules = 0;
        for (int p = 0; p < PROJECTS; p++) {
            Path project = Files.createDirectory(root.resolve("project" + p));
            Path src = Files.createDirectory(project.resolve("src"));
            all += 2;
            for (int s = 0; s < SOURCE_DIRECTORIES; s++) {
                Files.createDirectory(src.resolve("module" + s));
                all++;
            }
            Path nodeModules = Files.createDirectory(project.resolve("node_modules"));
            all++;
            inNodeModules++;
            for (int k = 0; k < PACKAGES; k++) {
                Path pkg = Files.createDirectory(nodeModules.resolve("package" + k));
                all++;
                inNodeModules++;
                for (int d = 0; d < PACKAGE_DIRECTORIES; d++) {
                    Files.createDirectory(pkg.resolve("dir" + d));
                    all++;
                    inNodeModules++;
                }
            }
        }
        return new int[] {all, inNodeModules};
    }

    /** @return the inotify watches this process holds, over all its inotify descriptors */
    static long kernelWatches() throws IOException {
        long count = 0;
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    if (!Files.readSymbolicLink(fd).toString().equals("anon_inode:inotify")) {
                        continue;
                    }
                    try (Stream<String> lines = Files.lines(Path.of("/proc/self/fdinfo", fd.getFileName().toString()))) {
                        count += lines.filter(line -> line.startsWith("inotify wd:")).count();
                    }
                } catch (IOException closedMeanwhile) {
                    // The listing's own descriptor, or one closed since the listing.
                }
            }
        }
        return count;
    }
}
