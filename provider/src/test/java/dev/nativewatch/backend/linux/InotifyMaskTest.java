package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ACCESS;
import static dev.nativewatch.backend.linux.InotifyApi.IN_ATTRIB;
import static dev.nativewatch.backend.linux.InotifyApi.IN_CREATE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE;
import static dev.nativewatch.backend.linux.InotifyApi.IN_DELETE_SELF;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MODIFY;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_FROM;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVED_TO;
import static dev.nativewatch.backend.linux.InotifyApi.IN_MOVE_SELF;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The kernel masks asked for each spec: the JDK's for the standard kinds, and no IN_ACCESS unless asked for. */
class InotifyMaskTest {

    /** What the core asks for ENTRY_MODIFY: every modify class but last-access. */
    static final Set<Change> MODIFY = EnumSet.of(Change.MODIFIED, Change.ATTRIBUTES, Change.SIZE, Change.LAST_WRITE,
            Change.CREATION_TIME, Change.SECURITY);
    static final int SELF = IN_DELETE_SELF | IN_MOVE_SELF;

    @Test
    void standardKindsGetTheJdksMasks() {
        assertEquals(IN_CREATE | IN_MOVED_TO, eventBits(spec(Change.CREATED)));
        assertEquals(IN_DELETE | IN_MOVED_FROM, eventBits(spec(Change.DELETED)));
        assertEquals(IN_MODIFY | IN_ATTRIB, eventBits(spec(MODIFY, false, false)));
    }

    @Test
    void accessIsAskedForOnlyWithLastAccess() {
        assertEquals(IN_ACCESS | IN_ATTRIB, eventBits(spec(Change.LAST_ACCESS)));
        assertEquals(0, eventBits(spec(EnumSet.complementOf(EnumSet.of(Change.LAST_ACCESS)), false, false))
                & IN_ACCESS);
    }

    @Test
    void pairedRenamesNeedBothHalvesAndSubtreesEveryDirectoryChange() {
        assertEquals(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM, eventBits(spec(EnumSet.of(Change.CREATED), false, true)));
        assertEquals(IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_MODIFY,
                eventBits(spec(EnumSet.of(Change.SIZE), true, false)));
    }

    @Test
    void onlyTheRootAsksForItsOwnDeletionAndMove() {
        InotifyWatch watch = new InotifyWatch(null, Path.of("/r"), spec(Change.CREATED), new RecordingSink());
        WatchedDirectory root = new WatchedDirectory(watch, null, null);
        WatchedDirectory child = new WatchedDirectory(watch, root, "c");
        assertEquals(SELF, watch.maskFor(root) & SELF);
        assertEquals(0, watch.maskFor(child) & SELF);
    }

    /** @return the root's mask without the self events every root has */
    private static int eventBits(WatchSpec spec) {
        InotifyWatch watch = new InotifyWatch(null, Path.of("/r"), spec, new RecordingSink());
        return watch.maskFor(new WatchedDirectory(watch, null, null)) & ~SELF;
    }
}
