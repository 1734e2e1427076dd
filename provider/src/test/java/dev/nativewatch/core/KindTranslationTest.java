package dev.nativewatch.core;

import dev.nativewatch.ExtendedKinds;
import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.EnumSet;
import java.util.List;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How change classes become the kinds a key registered. */
class KindTranslationTest extends CoreFixture {

    @Test
    void standardKindsFoldEveryModifyClassButLastAccessIntoModify() throws Exception {
        WatchKey key = register(dir, ENTRY_MODIFY);
        backend.report(dir, sink -> {
            sink.changed(Change.SIZE, Path.of("a"));
            sink.changed(Change.LAST_ACCESS, Path.of("b"));
            sink.changed(Change.SECURITY, Path.of("c"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_MODIFY a", "ENTRY_MODIFY c"), describe(key.pollEvents()));
    }

    @Test
    void standardKindsAskTheBackendForEveryModifyClassButLastAccess() throws Exception {
        register(dir, ENTRY_CREATE, ENTRY_MODIFY);
        WatchSpec spec = backend.newestWatch(dir).spec;
        assertTrue(spec.changes().containsAll(EnumSet.of(Change.CREATED, Change.MODIFIED, Change.SIZE,
                Change.LAST_WRITE, Change.ATTRIBUTES, Change.CREATION_TIME, Change.SECURITY)));
        assertFalse(spec.changes().contains(Change.LAST_ACCESS));
        assertFalse(spec.changes().contains(Change.DELETED));
        assertFalse(spec.pairRenames());
    }

    @Test
    void theSpecNamesTheModifyClassesRegisteredUnderTheirOwnKind() throws Exception {
        register(dir, ENTRY_MODIFY);
        assertEquals(EnumSet.noneOf(Change.class), backend.newestWatch(dir).spec.distinct());
        register(dir, ENTRY_MODIFY, ExtendedKinds.ENTRY_SECURITY, ExtendedKinds.ENTRY_RENAME_TO);
        WatchSpec spec = backend.newestWatch(dir).spec;
        assertEquals(EnumSet.of(Change.SECURITY), spec.distinct());
        assertTrue(spec.changes().contains(Change.ATTRIBUTES), "ENTRY_MODIFY still needs every other class");
    }

    @Test
    void classesSeenTogetherCountAsOneModification() throws Exception {
        WatchKey key = register(dir, ENTRY_MODIFY);
        backend.report(dir, sink -> sink.changed(EnumSet.of(Change.SIZE, Change.LAST_WRITE), Path.of("a")));
        assertSame(key, awaitKey());
        List<WatchEvent<?>> events = key.pollEvents();
        assertEquals(List.of("ENTRY_MODIFY a"), describe(events));
        assertEquals(1, events.get(0).count(), "one write is one modification, as in the JDK");
    }

    @Test
    void classesSeenTogetherKeepTheirOwnKinds() throws Exception {
        WatchKey key = register(dir, ENTRY_MODIFY, ExtendedKinds.ENTRY_SIZE, ExtendedKinds.ENTRY_LAST_ACCESS);
        backend.report(dir, sink -> {
            sink.changed(EnumSet.of(Change.SIZE, Change.LAST_WRITE), Path.of("a"));
            sink.changed(EnumSet.of(Change.LAST_ACCESS), Path.of("b"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_SIZE a", "ENTRY_MODIFY a", "ENTRY_LAST_ACCESS b"), describe(key.pollEvents()));
    }

    @Test
    void anExtendedKindReportsItsClassAndModifyToo() throws Exception {
        WatchKey key = register(dir, ENTRY_MODIFY, ExtendedKinds.ENTRY_SIZE);
        backend.report(dir, sink -> sink.changed(Change.SIZE, Path.of("a")));
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_SIZE a", "ENTRY_MODIFY a"), describe(key.pollEvents()));
    }

    @Test
    void extendedKindsAloneReportOnlyTheirClasses() throws Exception {
        WatchKey key = register(dir, ExtendedKinds.ENTRY_SECURITY, ExtendedKinds.ENTRY_LAST_ACCESS);
        assertEquals(EnumSet.of(Change.SECURITY, Change.LAST_ACCESS), backend.newestWatch(dir).spec.changes());
        backend.report(dir, sink -> {
            sink.changed(Change.SIZE, Path.of("ignored"));
            sink.changed(Change.SECURITY, Path.of("s"));
            sink.changed(Change.LAST_ACCESS, Path.of("r"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_SECURITY s", "ENTRY_LAST_ACCESS r"), describe(key.pollEvents()));
    }

    @Test
    void everyExtendedModifyKindMapsToItsOwnClass() throws Exception {
        WatchKey key = register(dir, ExtendedKinds.ENTRY_ATTRIBUTES, ExtendedKinds.ENTRY_SIZE,
                ExtendedKinds.ENTRY_LAST_WRITE, ExtendedKinds.ENTRY_LAST_ACCESS, ExtendedKinds.ENTRY_CREATION_TIME,
                ExtendedKinds.ENTRY_SECURITY);
        backend.report(dir, sink -> {
            for (Change change : EnumSet.range(Change.ATTRIBUTES, Change.SECURITY)) {
                sink.changed(change, Path.of(change.name()));
            }
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_ATTRIBUTES ATTRIBUTES", "ENTRY_SIZE SIZE", "ENTRY_LAST_WRITE LAST_WRITE",
                "ENTRY_LAST_ACCESS LAST_ACCESS", "ENTRY_CREATION_TIME CREATION_TIME", "ENTRY_SECURITY SECURITY"),
                describe(key.pollEvents()));
    }

    @Test
    void aRenameIsDeleteThenCreateWithStandardKinds() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE);
        assertFalse(backend.newestWatch(dir).spec.pairRenames());
        backend.report(dir, sink -> sink.renamed(Path.of("old"), Path.of("new")));
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_DELETE old", "ENTRY_CREATE new"), describe(key.pollEvents()));
    }

    @Test
    void aRenameIsFromThenToWhenTheRenameKindsAreRegistered() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ENTRY_DELETE, ExtendedKinds.ENTRY_RENAME_FROM,
                ExtendedKinds.ENTRY_RENAME_TO);
        assertTrue(backend.newestWatch(dir).spec.pairRenames());
        backend.report(dir, sink -> {
            sink.changed(Change.CREATED, Path.of("x"));
            sink.renamed(Path.of("old"), Path.of("new"));
        });
        assertSame(key, awaitKey());
        assertEquals(List.of("ENTRY_CREATE x", "ENTRY_RENAME_FROM old", "ENTRY_RENAME_TO new"),
                describe(key.pollEvents()));
    }

    @Test
    void aRenamePairIsNeverSplitByTheCap() throws Exception {
        WatchKey key = register(dir, ENTRY_CREATE, ExtendedKinds.ENTRY_RENAME_FROM, ExtendedKinds.ENTRY_RENAME_TO);
        backend.report(dir, sink -> {
            for (int i = 0; i < EventLimit.DEFAULT - 1; i++) {
                sink.changed(Change.CREATED, Path.of("f" + i));
            }
            sink.renamed(Path.of("old"), Path.of("new"));
        });
        assertSame(key, awaitKey());
        List<String> events = describe(key.pollEvents());
        assertEquals(List.of("OVERFLOW null"), events, "the TO would not fit, so the FROM must not stay alone");
        assertNull(service.poll());
    }
}
