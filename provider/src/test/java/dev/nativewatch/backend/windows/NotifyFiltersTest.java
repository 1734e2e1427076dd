package dev.nativewatch.backend.windows;

import dev.nativewatch.backend.Change;
import dev.nativewatch.backend.WatchSpec;
import dev.nativewatch.backend.windows.NotifyFilters.Group;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_ATTRIBUTES;
import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_CREATION;
import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_LAST_ACCESS;
import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_LAST_WRITE;
import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_SECURITY;
import static dev.nativewatch.backend.windows.NotifyFilters.FILE_NOTIFY_CHANGE_SIZE;
import static dev.nativewatch.backend.windows.NotifyFilters.NAMES;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which handles, with which filters, a spec asks for. */
class NotifyFiltersTest {

    private static final Set<Change> JDK_MODIFY = EnumSet.of(Change.MODIFIED, Change.ATTRIBUTES, Change.SIZE,
            Change.LAST_WRITE, Change.CREATION_TIME, Change.SECURITY);

    private static WatchSpec spec(Set<Change> changes, Set<Change> distinct) {
        return new WatchSpec(changes, false, false, OptionalInt.empty(), Optional.empty(), distinct);
    }

    private static Set<Change> with(Set<Change> base, Change... more) {
        Set<Change> all = EnumSet.copyOf(base);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void standardKindsGetTheJdkFilterOnOneHandle() {
        assertEquals(0x15F, NotifyFilters.JDK_FILTER);
        List<Group> expected = List.of(new Group(NotifyFilters.JDK_FILTER, Change.MODIFIED));
        assertEquals(expected, NotifyFilters.plan(spec(with(JDK_MODIFY, Change.CREATED, Change.DELETED), Set.of())));
        assertEquals(expected, NotifyFilters.plan(spec(EnumSet.of(Change.CREATED), Set.of())),
                "the JDK's filter whatever standard kinds were registered");
    }

    @Test
    void eachDistinctClassGetsItsOwnHandleAndTheFirstLeavesItOut() {
        List<Group> plan = NotifyFilters.plan(spec(with(JDK_MODIFY, Change.CREATED), EnumSet.of(Change.SECURITY)));
        assertEquals(List.of(
                new Group(NAMES | FILE_NOTIFY_CHANGE_ATTRIBUTES | FILE_NOTIFY_CHANGE_SIZE | FILE_NOTIFY_CHANGE_LAST_WRITE
                        | FILE_NOTIFY_CHANGE_CREATION, Change.MODIFIED),
                new Group(FILE_NOTIFY_CHANGE_SECURITY, Change.SECURITY)), plan);
    }

    @Test
    void extendedKindsAloneOpenNoHandleForNames() {
        List<Group> plan = NotifyFilters.plan(spec(EnumSet.of(Change.SIZE, Change.ATTRIBUTES),
                EnumSet.of(Change.SIZE, Change.ATTRIBUTES)));
        assertEquals(List.of(new Group(FILE_NOTIFY_CHANGE_ATTRIBUTES, Change.ATTRIBUTES),
                new Group(FILE_NOTIFY_CHANGE_SIZE, Change.SIZE)), plan);
    }

    @Test
    void lastAccessOnlyWhenAskedFor() {
        for (Group group : NotifyFilters.plan(spec(with(JDK_MODIFY, Change.CREATED, Change.DELETED),
                EnumSet.of(Change.SIZE)))) {
            assertEquals(0, group.filter() & FILE_NOTIFY_CHANGE_LAST_ACCESS);
        }
        assertEquals(List.of(new Group(NAMES, Change.MODIFIED), new Group(FILE_NOTIFY_CHANGE_LAST_ACCESS, Change.LAST_ACCESS)),
                NotifyFilters.plan(spec(EnumSet.of(Change.CREATED, Change.LAST_ACCESS), EnumSet.of(Change.LAST_ACCESS))));
    }

    @Test
    void aSpecFromTheOldConstructorTellsEveryClassApart() {
        WatchSpec spec = new WatchSpec(EnumSet.of(Change.MODIFIED, Change.SIZE), false, false, OptionalInt.empty(),
                Optional.empty());
        assertEquals(List.of(new Group(FILE_NOTIFY_CHANGE_SIZE, Change.SIZE)), NotifyFilters.plan(spec));
    }
}
