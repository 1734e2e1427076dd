package dev.nativewatch.tck;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each script of {@link MutationScript#library()} is applied to a directory watched by the JDK's default
 * service and to one watched by the implementation; for each step, the (kind, context) multisets must be equal.
 *
 * <p>Steps are separated by barriers: files created after the step, whose CREATE events end the step's events,
 * so that a polling implementation sees each step apart. There are two per step, the second created once the
 * first has been seen: a poller adds one scan's events one by one, so the first barrier's CREATE may come before
 * other events of the same scan, but the second barrier is found by a later scan.
 *
 * <p>Before comparing, the events of each entry are normalised as the JDK's own timing would require: a run of
 * MODIFY events counts as one, and a MODIFY right after the entry's CREATE is dropped (a native watcher sees the
 * write that a poller folds into the creation).
 *
 * <p>The comparison needs a reference of the implementation's own {@link WatchServiceFixture#platform()}: an
 * implementation with another platform's semantics than the JVM's JDK has nothing to be compared with here.
 */
@Tag(TckTags.JDK_LINUX)
@Tag(TckTags.JDK_WINDOWS)
public abstract class DifferentialContract extends WatchServiceContract {

    private static final String BARRIER = ".tck-barrier-";

    /**
     * Creates the checks for one implementation.
     *
     * @param fixture the implementation under test
     */
    protected DifferentialContract(WatchServiceFixture fixture) {
        super(fixture);
    }

    static List<MutationScript> scripts() {
        return MutationScript.library();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void matchesTheJdk(MutationScript script) throws Exception {
        WatchServiceFixture reference = fixture().reference();
        assumeTrue(reference instanceof JdkDefaultFixture jdk && jdk.isTheJdks(),
                "the reference is not on the JDK's own file system, so there is nothing to compare with");
        assumeTrue(reference.platform() == fixture().platform(), () -> "the reference is the JDK on "
                + reference.platform() + ", and " + fixture().name() + " has " + fixture().platform()
                + " semantics: the comparison would measure the platforms, not the implementation");
        if (script.posixNeeded()) {
            assumeTrue(posix(dir), "no POSIX permissions on this file system");
        }
        List<List<String>> expected;
        try {
            expected = trace(reference, script, false);
        } catch (UnsupportedOperationException unsupported) {
            throw new TestAbortedException("the JDK's file system cannot run the script here: " + unsupported);
        }
        List<List<String>> actual;
        try {
            actual = trace(fixture(), script, true);
        } catch (UnsupportedOperationException unsupported) {
            throw new TestAbortedException("this file system cannot run the script: " + unsupported);
        }
        for (int i = 0; i < script.steps().size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "step " + (i + 1) + " (" + script.steps().get(i).description()
                    + "): the JDK's events, then " + fixture().name() + "'s");
        }
    }

    /**
     * @param lateEvents whether to wait for events after the last barrier; the JDK reports in order, so only the
     *                   implementation needs the wait
     * @return for each step, its normalised events as sorted "KIND context" strings
     */
    private static List<List<String>> trace(WatchServiceFixture fixture, MutationScript script, boolean lateEvents)
            throws IOException, InterruptedException {
        Path dir = fixture.newDirectory();
        Path outside = fixture.newDirectory();
        script.preparation().apply(dir, outside);
        List<List<String>> steps = new ArrayList<>();
        try (WatchService service = fixture.newWatchService()) {
            fixture.register(service, dir, kinds(ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY));
            EventRecorder recorder = new EventRecorder(service);
            int consumed = 0;
            for (int i = 0; i < script.steps().size(); i++) {
                script.steps().get(i).action().apply(dir, outside);
                for (String barrier : List.of(BARRIER + i + "a", BARRIER + i + "b")) {
                    Files.createFile(dir.resolve(barrier));
                    recorder.untilSeen("ENTRY_CREATE " + barrier);
                }
                if (lateEvents && i == script.steps().size() - 1) {
                    recorder.drain(fixture.quietPeriod());
                }
                List<Observed> events = recorder.events();
                steps.add(normalise(events.subList(consumed, events.size())));
                consumed = events.size();
            }
        }
        return steps;
    }

    /** Per entry: a run of MODIFY counts once, a MODIFY right after a CREATE is dropped; barriers are left out. */
    static List<String> normalise(List<Observed> events) {
        Map<String, List<String>> byContext = new LinkedHashMap<>();
        for (Observed event : events) {
            if (event.context().startsWith(BARRIER)) {
                continue;
            }
            List<String> kinds = byContext.computeIfAbsent(event.context(), c -> new ArrayList<>());
            String last = kinds.isEmpty() ? null : kinds.get(kinds.size() - 1);
            boolean modify = event.kind().equals("ENTRY_MODIFY");
            if (modify && ("ENTRY_MODIFY".equals(last) || "ENTRY_CREATE".equals(last))) {
                continue;
            }
            kinds.add(event.kind());
        }
        List<String> normalised = new ArrayList<>();
        byContext.forEach((context, kinds) -> kinds.forEach(kind -> normalised.add(
                context.isEmpty() ? kind : kind + " " + context)));
        normalised.sort(null);
        return normalised;
    }
}
