package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Features beyond the JDK, each checked only where the implementation claims it. */
@Tag(TckTags.EXTENSION)
public abstract class ExtensionContract extends WatchServiceContract {

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected ExtensionContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    private Extensions extensions() {
        return fixture().extensions();
    }

    private String name(ExtendedKind kind) {
        return extensions().kind(kind).name();
    }

    private WatchKey registerTree(WatchEvent.Kind<?>... kinds) throws java.io.IOException {
        return register(watcher, dir, kinds, extensions().subtree());
    }

    @Test
    @Requires(Feature.SUBTREE)
    void subtreeReportsNestedEntriesWithRelativeContexts() throws Exception {
        Path deep = oldDirectory(dir.resolve("a/b/c"));
        registerTree(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        Path foo = Files.createFile(deep.resolve("foo"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE a/b/c/foo");
        Observed created = events.events().stream().filter(e -> e.described().equals("ENTRY_CREATE a/b/c/foo"))
                .findFirst().orElseThrow();
        Path context = assertInstanceOf(Path.class, created.event().context());
        assertEquals(4, context.getNameCount());
        assertFalse(context.isAbsolute());
        assertTrue(Files.isSameFile(foo, dir.resolve(context.toString())));
        Files.delete(foo);
        events.untilSeen("ENTRY_DELETE a/b/c/foo");
    }

    @Test
    @Requires(Feature.SUBTREE)
    void subtreeFollowsDirectoriesCreatedLater() throws Exception {
        registerTree(ENTRY_CREATE, ENTRY_DELETE);
        Files.createDirectory(dir.resolve("n"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE n");
        Files.createDirectories(dir.resolve("n/m"));
        Files.createFile(dir.resolve("n/m/f"));
        events.untilSeen("ENTRY_CREATE n/m/f");
    }

    @Test
    @Requires(Feature.SUBTREE)
    void subtreeFollowsDirectoriesMovedIn() throws Exception {
        Path outside = fixture().newDirectory();
        Files.createDirectories(outside.resolve("t/u"));
        registerTree(ENTRY_CREATE, ENTRY_DELETE);
        Files.move(outside.resolve("t"), dir.resolve("t"), StandardCopyOption.ATOMIC_MOVE);
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE t");
        Files.createFile(dir.resolve("t/u/g"));
        events.untilSeen("ENTRY_CREATE t/u/g");
    }

    @Test
    @Requires({Feature.SUBTREE, Feature.EXCLUSION})
    void excludedDirectoriesAndFilesAreNotReported() throws Exception {
        oldDirectory(dir.resolve("a/skipped/deep"));
        register(watcher, dir, new WatchEvent.Kind<?>[] {ENTRY_CREATE}, extensions().subtree(),
                extensions().exclude("**/skipped", "*.tmp"));
        Files.createFile(dir.resolve("a/skipped/deep/f"));
        Files.createDirectories(dir.resolve("b/skipped/later"));
        Files.createFile(dir.resolve("x.tmp"));
        Files.createFile(dir.resolve("a/kept"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE a/kept");
        Files.createFile(dir.resolve("sentinel"));
        events.untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertTrue(events.events().stream().noneMatch(e -> e.described().contains("skipped")
                || e.described().contains(".tmp")), events.toString());
    }

    @Test
    @Requires({Feature.SUBTREE, Feature.EXCLUSION})
    void registeringAgainReplacesTheExclusions() throws Exception {
        oldDirectory(dir.resolve("skipped"));
        register(watcher, dir, new WatchEvent.Kind<?>[] {ENTRY_CREATE}, extensions().subtree(),
                extensions().exclude("skipped"));
        Files.createFile(dir.resolve("skipped/before"));
        Files.createFile(dir.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel");
        register(watcher, dir, new WatchEvent.Kind<?>[] {ENTRY_CREATE}, extensions().subtree());
        Files.createFile(dir.resolve("skipped/after"));
        events.untilSeen("ENTRY_CREATE skipped/after");
        assertFalse(events.saw("ENTRY_CREATE skipped/before"), events.toString());
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void sizeChangesHaveTheirOwnKind() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_CREATE, extensions().kind(ExtendedKind.SIZE));
        append(foo, "more");
        EventRecorder events = recorder().untilSeen(name(ExtendedKind.SIZE) + " foo");
        Files.createFile(dir.resolve("sentinel"));
        events.untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        assertFalse(events.saw("ENTRY_MODIFY foo"), "MODIFY was not registered: " + events);
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void lastWriteChangesHaveTheirOwnKind() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, extensions().kind(ExtendedKind.LAST_WRITE));
        Files.setLastModifiedTime(foo, FileTime.fromMillis(System.currentTimeMillis()));
        recorder().untilSeen(name(ExtendedKind.LAST_WRITE) + " foo");
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void lastAccessChangesHaveTheirOwnKind() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, extensions().kind(ExtendedKind.LAST_ACCESS));
        Files.setAttribute(foo, "lastAccessTime", FileTime.fromMillis(1_000_000_000_000L));
        recorder().untilSeen(name(ExtendedKind.LAST_ACCESS) + " foo");
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void creationTimeChangesHaveTheirOwnKind() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        FileTime wanted = FileTime.fromMillis(1_000_000_000_000L);
        register(dir, extensions().kind(ExtendedKind.CREATION_TIME));
        Files.getFileAttributeView(foo, BasicFileAttributeView.class).setTimes(null, null, wanted);
        assumeTrue(Files.readAttributes(foo, java.nio.file.attribute.BasicFileAttributes.class).creationTime()
                .equals(wanted), "this file system cannot set a creation time");
        recorder().untilSeen(name(ExtendedKind.CREATION_TIME) + " foo");
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void attributeChangesHaveTheirOwnKind() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, extensions().kind(ExtendedKind.ATTRIBUTES));
        Set<String> views = dir.getFileSystem().supportedFileAttributeViews();
        // The platform's own attributes: POSIX permissions where there are any (Linux's "dos" view is an
        // emulation kept in extended attributes), DOS attributes otherwise.
        if (views.contains("posix")) {
            Files.setPosixFilePermissions(foo, PosixFilePermissions.fromString("rwx------"));
        } else {
            assumeTrue(views.contains("dos"), "neither DOS attributes nor POSIX permissions here");
            Files.setAttribute(foo, "dos:readonly", true);
        }
        recorder().untilSeen(name(ExtendedKind.ATTRIBUTES) + " foo");
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void extendedKindsAddToModify() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, ENTRY_MODIFY, extensions().kind(ExtendedKind.SIZE));
        append(foo, "more");
        recorder().untilSeen(name(ExtendedKind.SIZE) + " foo", "ENTRY_MODIFY foo");
    }

    @Test
    @Requires(Feature.EXTENDED_KINDS)
    void standardRegistrationsGetOnlyStandardKinds() throws Exception {
        Path foo = oldFile(dir.resolve("foo"));
        Path bar = oldFile(dir.resolve("bar"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
        append(foo, "more");
        Files.setAttribute(foo, "lastAccessTime", FileTime.fromMillis(1_000_000_000_000L));
        Files.move(bar, dir.resolve("baz"), StandardCopyOption.ATOMIC_MOVE);
        Files.createFile(dir.resolve("sentinel"));
        EventRecorder events = recorder().untilSeen("ENTRY_CREATE sentinel").drain(quiet());
        Set<String> kinds = events.events().stream().map(Observed::kind).collect(Collectors.toSet());
        assertTrue(Set.of("ENTRY_CREATE", "ENTRY_DELETE", "ENTRY_MODIFY").containsAll(kinds), events.toString());
    }

    @Test
    @Requires(Feature.RENAME_PAIRING)
    void aRenameIsAnAdjacentPair() throws Exception {
        Path from = oldFile(dir.resolve("from"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, extensions().kind(ExtendedKind.RENAME_FROM),
                extensions().kind(ExtendedKind.RENAME_TO));
        Files.move(from, dir.resolve("to"), StandardCopyOption.ATOMIC_MOVE);
        String fromEvent = name(ExtendedKind.RENAME_FROM) + " from";
        String toEvent = name(ExtendedKind.RENAME_TO) + " to";
        EventRecorder events = recorder().untilSeen(fromEvent, toEvent);
        List<String> seen = events.described();
        assertEquals(seen.indexOf(fromEvent) + 1, seen.indexOf(toEvent), "adjacent: " + seen);
        assertEquals(events.events().get(seen.indexOf(fromEvent)).batch(),
                events.events().get(seen.indexOf(toEvent)).batch(), "in one list: " + seen);
        assertFalse(events.saw("ENTRY_DELETE from") || events.saw("ENTRY_CREATE to"), seen.toString());
    }

    @Test
    @Requires(Feature.RENAME_PAIRING)
    void movesAcrossTheScopeAreDeleteAndCreate() throws Exception {
        Path outside = fixture().newDirectory();
        Path leaving = oldFile(dir.resolve("leaving"));
        Path coming = oldFile(outside.resolve("coming"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE, extensions().kind(ExtendedKind.RENAME_FROM),
                extensions().kind(ExtendedKind.RENAME_TO));
        Files.move(leaving, outside.resolve("leaving"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(coming, dir.resolve("coming"), StandardCopyOption.ATOMIC_MOVE);
        EventRecorder events = recorder().untilSeen("ENTRY_DELETE leaving", "ENTRY_CREATE coming");
        Set<String> kinds = new HashSet<>(events.events().stream().map(Observed::kind).toList());
        assertFalse(kinds.contains(name(ExtendedKind.RENAME_FROM)) || kinds.contains(name(ExtendedKind.RENAME_TO)),
                events.toString());
    }

    @Test
    @Requires(Feature.RENAME_PAIRING)
    void renamesWithoutThePairKindsAreDeleteAndCreate() throws Exception {
        Path from = oldFile(dir.resolve("from"));
        register(dir, ENTRY_CREATE, ENTRY_DELETE);
        Files.move(from, dir.resolve("to"), StandardCopyOption.ATOMIC_MOVE);
        recorder().untilSeen("ENTRY_DELETE from", "ENTRY_CREATE to");
    }

    @Test
    @Requires(Feature.SECURITY_EVENTS)
    void permissionChangesAreSecurityEvents() throws Exception {
        assumeTrue(posix(dir), "no POSIX permissions on this file system");
        Path foo = oldFile(dir.resolve("foo"));
        register(dir, extensions().kind(ExtendedKind.SECURITY));
        Files.setPosixFilePermissions(foo, PosixFilePermissions.fromString("rwx------"));
        recorder().untilSeen(name(ExtendedKind.SECURITY) + " foo");
    }

    @Test
    @Requires(Feature.RESCAN_ON_OVERFLOW)
    void aRescanReportsWhatTheOverflowDropped() throws Exception {
        WatchKey key = register(watcher, dir, kinds(ENTRY_CREATE), extensions().rescanOnOverflow());
        List<Observed> first = OverflowContract.burstAndRead(this, dir, key);
        assumeTrue(first.stream().anyMatch(e -> e.kind().equals("OVERFLOW")),
                "the burst did not overflow this implementation");
        Set<String> wanted = new HashSet<>();
        for (int i = 0; i < OverflowContract.BURST; i++) {
            wanted.add("entry" + i);
        }
        recorder().until(r -> r.events().stream().filter(e -> e.kind().equals("ENTRY_CREATE"))
                        .map(Observed::context).collect(Collectors.toSet()).containsAll(wanted),
                "a CREATE for each of the " + OverflowContract.BURST + " entries after the OVERFLOW");
    }
}
