package dev.nativewatch.backend.linux;

import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static dev.nativewatch.backend.linux.EngineHarness.spec;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanMarksTest {

    private final InotifyWatch first = new InotifyWatch(null, Path.of("/r"), spec(Change.CREATED), new RecordingSink());
    private final InotifyWatch second = new InotifyWatch(null, Path.of("/r"), spec(Change.CREATED), new RecordingSink());
    private final WatchedDirectory dir = new WatchedDirectory(first, null, null);
    private final WatchedDirectory other = new WatchedDirectory(second, null, null);
    private final ScanMarks marks = new ScanMarks();

    @Test
    void aMarkIsConsumedByTheFirstEventOfItsEntry() {
        marks.mark(dir, "f");
        assertFalse(marks.unmark(other, "f"), "another directory's entry of that name");
        assertFalse(marks.unmark(dir, "g"));
        assertTrue(marks.unmark(dir, "f"));
        assertFalse(marks.unmark(dir, "f"));
    }

    @Test
    void forgettingARegistrationKeepsTheMarksOfOthers() {
        marks.mark(dir, "f");
        marks.mark(other, "f");
        marks.forget(first);
        assertFalse(marks.unmark(dir, "f"));
        assertTrue(marks.unmark(other, "f"));
    }

    @Test
    void clearingDropsEveryMark() {
        marks.mark(dir, "f");
        marks.mark(other, "g");
        marks.clear();
        assertFalse(marks.unmark(dir, "f"));
        assertFalse(marks.unmark(other, "g"));
    }

    @Test
    void tellsWhetherMarksWereAddedSinceAReadBegan() {
        marks.readBegins();
        assertFalse(marks.addedSinceReadBegan());
        marks.mark(dir, "f");
        assertTrue(marks.addedSinceReadBegan());
        marks.unmark(dir, "f");
        assertTrue(marks.addedSinceReadBegan(), "consuming a mark does not undo that one was added");
        marks.readBegins();
        assertFalse(marks.addedSinceReadBegan());
    }
}
