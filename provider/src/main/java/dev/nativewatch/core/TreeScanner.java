package dev.nativewatch.core;

import dev.nativewatch.backend.Exclusions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One scan of a directory (or tree) into a {@link SnapshotTable}: breadth first, each directory listed once and
 * each entry read once, with what {@link AttributeReader} needs and no more.
 */
final class TreeScanner {

    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
    private static final Comparator<Listed> BY_NAME = (a, b) -> SnapshotTable.compare(
            a.name, 0, a.name.length, a.odd, b.name, 0, b.name.length, b.odd);

    /** An entry of a listing, before it is read and sorted into place. */
    private record Listed(byte[] name, Path odd, Path path, Path fileName) {
    }

    private final boolean subtree;
    private final AttributeReader reader;
    private final Exclusions exclusions;
    private final BooleanSupplier cancelled;
    private final SnapshotBuilder builder;
    /** The directories still to list, in the order of their entries; relative paths only when exclusions need them. */
    private final ArrayDeque<Path> toList = new ArrayDeque<>();
    private final ArrayDeque<Path> relativeToList = new ArrayDeque<>();
    private final AttributeReader.Reading reading = new AttributeReader.Reading();

    private TreeScanner(Path start, boolean subtree, AttributeReader reader, Exclusions exclusions,
                        BooleanSupplier cancelled) {
        this.subtree = subtree;
        this.reader = reader;
        this.exclusions = exclusions;
        this.cancelled = cancelled;
        this.builder = new SnapshotBuilder(start.getFileSystem(), reader.recorded());
    }

    /**
     * Scans {@code root}. A root that is a symbolic link is followed, as registering it with the JDK follows it;
     * links under the root are not. An entry that vanishes during the scan is left out; a directory that cannot be
     * listed is recorded, with its contents unknown; a root that cannot be read fails the scan. An excluded
     * directory is neither recorded nor entered, and an excluded file is not recorded.
     *
     * @throws CancellationException if {@code cancelled} said so between two directories
     */
    static SnapshotTable scan(Path root, boolean subtree, AttributeReader reader, Exclusions exclusions,
                              BooleanSupplier cancelled) throws IOException {
        Path start = Files.isSymbolicLink(root) ? root.toRealPath() : root;
        TreeScanner scanner = new TreeScanner(start, subtree, reader, exclusions, cancelled);
        scanner.toList.add(start);
        return scanner.run();
    }

    private SnapshotTable run() throws IOException {
        for (int i = 0; i < builder.count(); i++) {
            builder.open(i);
            if (i == 0 || (subtree && builder.is(i, SnapshotTable.DIRECTORY))) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("scan cancelled");
                }
                list(i, toList.poll(), exclusions.isEmpty() ? null : relativeToList.poll());
            }
        }
        return builder.build();
    }

    private void list(int i, Path directory, Path relative) throws IOException {
        List<Listed> listed;
        try {
            listed = listing(directory, relative);
        } catch (IOException | DirectoryIteratorException e) {
            if (i == 0) {
                throw e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            }
            // A directory that cannot be opened (no read or search permission) is still there; one that vanished
            // since its parent was listed is not.
            builder.addFlags(i, Files.isDirectory(directory, NOFOLLOW) ? SnapshotTable.UNLISTED : SnapshotTable.GHOST);
            return;
        }
        listed.sort(BY_NAME);
        for (Listed entry : listed) {
            try {
                reader.read(entry.path, reading);
            } catch (IOException vanishedOrUnreadable) {
                continue; // Gone since the directory was listed, or unreadable: the next scan tells which.
            }
            int added = builder.add(entry.name, entry.odd, reading.directory ? SnapshotTable.DIRECTORY : 0);
            builder.attributes().set(added, reading);
            if (subtree && reading.directory) {
                toList.add(entry.path);
                if (!exclusions.isEmpty()) {
                    relativeToList.add(relative == null ? entry.fileName : relative.resolve(entry.fileName));
                }
            }
        }
    }

    private List<Listed> listing(Path directory, Path relative) throws IOException {
        List<Listed> listed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                Path fileName = path.getFileName();
                // The walk skips what is under an excluded directory, so the entry itself is all to check.
                if (!exclusions.isEmpty() && exclusions.matches(relative == null ? fileName : relative.resolve(fileName))) {
                    continue;
                }
                String name = fileName.toString();
                listed.add(new Listed(name.getBytes(StandardCharsets.UTF_8), SnapshotTable.oddName(fileName, name),
                        path, fileName));
            }
        }
        return listed;
    }
}
