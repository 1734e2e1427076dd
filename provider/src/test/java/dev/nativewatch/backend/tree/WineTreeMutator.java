package dev.nativewatch.backend.tree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;

/**
 * Changes a real tree at random in the ways that the Windows backend can follow under Wine, keeping a
 * {@link TreeModel} of it and a log of what it did: directories made one level at a time, files created, renamed
 * across levels, moved in, moved out, deleted and renamed over other files, subtrees removed. A rename over a file
 * is checked as it is made: the source must be reported deleted and the target created, under their own names,
 * as Windows reports a {@code MoveFileEx(MOVEFILE_REPLACE_EXISTING)} (which Wine makes a rename(2), as here).
 *
 * <p>Left out, each for a deviation of Wine from Windows (see {@code WineBackendTest}):
 * <ul>
 *   <li>renaming or moving a directory, within the tree (over an empty one too) or out of it: Wine goes on
 *       reporting the changes inside it under its old name, even once it has left the tree;</li>
 *   <li>any directory that was not made in the watched tree (one made before the watch, or moved in): Wine does
 *       not watch it, so before the tree is watched only files are created.</li>
 * </ul>
 * And, since Windows has no such thing: exchanges (renameat2), names that are not valid UTF-8 (a Windows name is
 * UTF-16) or that hold a newline (Win32 refuses control characters in names).
 */
final class WineTreeMutator implements TreeChanges {

    static final Duration REPORT_DEADLINE = Duration.ofSeconds(20);

    /**
     * Names beyond ASCII need file names in UTF-8 in this JVM: under another charset the backend cannot make a
     * path of Wine's name for such a file (it reports an OVERFLOW instead), so the names stay ASCII.
     */
    static final boolean NAMES_BEYOND_ASCII = "UTF-8".equalsIgnoreCase(System.getProperty("sun.jnu.encoding"));

    private final Random random;
    private final Path rootPath;
    private final String root;
    private final String outside;
    private final TreeModel model = new TreeModel();
    private final List<String> log = new ArrayList<>();
    /** How many ENTRY_CREATE a file's path must have had by now, where that is not 1: renamed over, or unwatched. */
    private final Map<String, Integer> creations = new HashMap<>();
    private Watching watching;
    private int counter;

    /** @param root and @param outside absolute directories, neither inside the other */
    WineTreeMutator(long seed, Path root, Path outside) {
        this.random = new Random(seed);
        this.rootPath = root;
        this.root = RawPaths.latin1(RawPaths.bytes(root));
        this.outside = RawPaths.latin1(RawPaths.bytes(outside));
    }

    @Override
    public TreeModel model() {
        return model;
    }

    @Override
    public List<String> log() {
        return log;
    }

    @Override
    public void note(String line) {
        log.add(line);
    }

    @Override
    public byte[] absolute(String relative) {
        return RawPaths.bytes(relative.isEmpty() ? root : root + "/" + relative);
    }

    /** It waits for the watch to report changes as it makes them, so the watcher cannot be held back meanwhile. */
    @Override
    public boolean canBeHeldBack() {
        return false;
    }

    @Override
    public void watchedBy(Watching watching) {
        this.watching = watching;
    }

    @Override
    public void mutate(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            if (watching == null) {
                createFile(); // Wine would not watch a directory made now
            } else {
                mutateOnce();
            }
        }
    }

    private void mutateOnce() throws IOException, InterruptedException {
        // mkdir most often: it adds one level at a time, and every directory gets a probe.
        switch (random.nextInt(16)) {
            case 0, 1, 2, 3, 4, 5 -> makeDirectory();
            case 6, 7 -> createFile();
            case 8, 9 -> renameFile();
            case 10 -> moveFileIn();
            case 11 -> moveFileOut();
            case 12 -> deleteFile();
            case 13 -> removeTree();
            default -> renameFileOver();
        }
    }

    /**
     * One new level under some directory, awaited: Wine watches a new subdirectory only once its server has read
     * the directory's creation from inotify, and never sees what was made inside it before then (Windows needs no
     * waiting).
     */
    void makeDirectory() throws IOException, InterruptedException {
        String directory = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        log.add("mkdir " + RawPaths.printable(directory));
        RawFiles.mkdir(absolute(directory));
        model.addDirectory(directory);
        Object key = Watching.keyOf(RawPaths.path(absolute(directory)));
        expect("mkdir " + RawPaths.printable(directory),
                seen -> seen.stream().anyMatch(e -> Watching.reports(e, rootPath, key)));
    }

    void createFile() throws IOException {
        String file = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        log.add("create " + RawPaths.printable(file));
        RawFiles.createFile(absolute(file));
        model.addFile(file);
        if (watching == null) {
            creations.put(file, 0);
        }
    }

    /** A file to a new name in any directory. */
    void renameFile() throws IOException {
        List<String> files = files();
        if (files.isEmpty()) {
            createFile();
            return;
        }
        String from = pick(files);
        String to = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        log.add("mv " + RawPaths.printable(from) + " " + RawPaths.printable(to));
        RawFiles.rename(absolute(from), absolute(to));
        model.move(from, to);
        creations.remove(from);
    }

    /** A file made outside, then moved to a new name in the tree. */
    void moveFileIn() throws IOException {
        String staged = outside + "/stage-" + (++counter);
        RawFiles.createFile(RawPaths.bytes(staged));
        String to = TreeModel.child(pick(model.directoriesAndRoot()), newName());
        log.add("mv " + RawPaths.printable(staged) + " " + RawPaths.printable(to));
        RawFiles.rename(RawPaths.bytes(staged), absolute(to));
        model.addFile(to);
    }

    void moveFileOut() throws IOException {
        List<String> files = files();
        if (files.isEmpty()) {
            moveFileIn();
            return;
        }
        String from = pick(files);
        String to = outside + "/out-" + (++counter);
        log.add("mv " + RawPaths.printable(from) + " " + RawPaths.printable(to));
        RawFiles.rename(absolute(from), RawPaths.bytes(to));
        model.removeTree(from);
        creations.remove(from);
    }

    void deleteFile() throws IOException {
        List<String> files = files();
        if (files.isEmpty()) {
            createFile();
            return;
        }
        String file = pick(files);
        log.add("rm " + RawPaths.printable(file));
        RawFiles.unlink(absolute(file));
        model.removeTree(file);
        creations.remove(file);
    }

    void removeTree() throws IOException, InterruptedException {
        List<String> directories = model.directories();
        if (directories.isEmpty()) {
            makeDirectory();
            return;
        }
        String top = pick(directories);
        log.add("rm -rf " + RawPaths.printable(top));
        TreeMutator.deleteTree(RawPaths.path(absolute(top)));
        creations.keySet().removeIf(path -> TreeModel.isWithin(path, top));
        model.removeTree(top);
    }

    /**
     * rename(2) of a file over another one, both in the tree, awaited: the source must be reported deleted, and
     * the target created once more than it had been, each under its own name.
     */
    void renameFileOver() throws IOException, InterruptedException {
        List<String> files = files();
        if (files.size() < 2) {
            createFile();
            return;
        }
        String from = pick(files);
        String target = pick(files.stream().filter(f -> !f.equals(from)).toList());
        log.add("rename " + RawPaths.printable(from) + " over " + RawPaths.printable(target));
        RawFiles.rename(absolute(from), absolute(target));
        model.removeTree(target);
        model.move(from, target);
        creations.remove(from);
        int created = creations.getOrDefault(target, 1) + 1;
        creations.put(target, created);
        expect("the rename of " + RawPaths.printable(from) + " over " + RawPaths.printable(target),
                seen -> count(seen, ENTRY_DELETE, from) >= 1 && count(seen, ENTRY_CREATE, target) >= created);
    }

    /**
     * Waits until the events show a change reported. After an OVERFLOW or an invalidated key nothing is awaited:
     * the loss was signalled, and the run's probes tell whether it is one.
     *
     * @throws AssertionError if the change is not reported in time, and no loss was signalled
     */
    private void expect(String change, Predicate<List<Watching.Event>> reported) throws InterruptedException {
        watching.await(seen -> lossSignalled() || reported.test(seen), REPORT_DEADLINE);
        if (!lossSignalled() && !reported.test(watching.events())) {
            throw new AssertionError(change + " was not reported within " + REPORT_DEADLINE.toSeconds()
                    + " s, with no OVERFLOW and a valid key");
        }
    }

    private boolean lossSignalled() {
        return watching.overflowed() || watching.anyInvalidated();
    }

    /** @return how many events of {@code kind} name {@code path} */
    private static long count(List<Watching.Event> events, WatchEvent.Kind<?> kind, String path) {
        return events.stream().filter(e -> e.kind() == kind && e.context() != null
                && path.equals(RawPaths.latin1(RawPaths.relativeBytes(e.context())))).count();
    }

    private List<String> files() {
        return model.entries().stream().filter(e -> !model.isDirectory(e)).toList();
    }

    /** @return a new name, as UTF-8 bytes in the model's form: mostly plain, sometimes with a space or beyond ASCII */
    private String newName() {
        int n = ++counter;
        int style = random.nextInt(8);
        String name = TreeMutator.PLAIN_NAMES ? "d" + n : switch (style) {
            case 0 -> "with space " + n;
            case 1 -> beyondAscii("caf\u00e9-" + n);
            case 2 -> beyondAscii("cr\u00e8me br\u00fbl\u00e9e " + n);
            default -> "d" + n;
        };
        return RawPaths.latin1(name.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the name, or its letters without their accents when names stay ASCII */
    private static String beyondAscii(String name) {
        return NAMES_BEYOND_ASCII ? name : Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
