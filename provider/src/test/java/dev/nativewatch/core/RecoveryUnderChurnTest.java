package dev.nativewatch.core;

import dev.nativewatch.ExtendedModifiers;
import dev.nativewatch.backend.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery while changes keep coming and the consumer is slower than they are: with a small event cap, the
 * recovered events outnumber the cap, and a new change arrives before every batch is read. Recovery must still
 * converge: every file reported, OVERFLOW delivered once, no batch lost to a second overflow.
 */
class RecoveryUnderChurnTest extends CoreFixture {

    private static final int CAP = 8;
    private static final WatchEvent.Kind<?>[] CREATE_DELETE = {ENTRY_CREATE, ENTRY_DELETE};

    private NativeWatchService capped;

    @BeforeEach
    void startCappedService() throws IOException {
        String before = System.getProperty(EventLimit.PROPERTY);
        System.setProperty(EventLimit.PROPERTY, Integer.toString(CAP));
        try {
            capped = new NativeWatchService(backend, FileSystems.getDefault(), relative -> relative);
        } finally {
            if (before == null) {
                System.clearProperty(EventLimit.PROPERTY);
            } else {
                System.setProperty(EventLimit.PROPERTY, before);
            }
        }
        service.close();
        service = capped;
    }

    @AfterEach
    void closeCapped() {
        capped.close();
    }

    @Test
    void aSlowConsumerUnderSteadyChangeGetsEveryFileAndOneOverflow() throws Exception {
        WatchKey key = register(dir, CREATE_DELETE, ExtendedModifiers.RESCAN_ON_OVERFLOW);
        Set<Path> created = new HashSet<>();
        int burst = CAP * 5;
        for (int i = 0; i < burst; i++) {
            created.add(create("burst" + i));
        }
        backend.report(dir, sink -> sink.overflowed());

        Set<Path> reported = new HashSet<>();
        int overflowOnlyBatches = 0;
        int later = 0;
        for (int round = 0; round < 40 && !reported.containsAll(created); round++) {
            Path early = create("later" + later++);
            created.add(early);
            backend.report(dir, sink -> sink.changed(Change.CREATED, early));
            WatchKey signalled = awaitKey();
            assertSame(key, signalled);
            // The consumer is slow: one more change lands between take() and pollEvents().
            Path late = create("later" + later++);
            created.add(late);
            backend.report(dir, sink -> sink.changed(Change.CREATED, late));
            List<WatchEvent<?>> batch = key.pollEvents();
            if (batch.size() == 1 && batch.get(0).kind() == OVERFLOW) {
                overflowOnlyBatches++;
            }
            for (WatchEvent<?> event : batch) {
                if (event.kind() == ENTRY_CREATE) {
                    reported.add((Path) event.context());
                }
            }
            key.reset();
        }
        // The last round's late file may still be on its way; drain what recovery has left.
        drainInto(key, reported, created);
        assertTrue(reported.containsAll(created), "not reported: " + missing(created, reported));
        assertEquals(1, overflowOnlyBatches, "batches that held nothing but OVERFLOW");
    }

    private void drainInto(WatchKey key, Set<Path> reported, Set<Path> created) throws Exception {
        for (int i = 0; i < 10 && !reported.containsAll(created); i++) {
            awaitRescans(key);
            WatchKey signalled = service.poll();
            if (signalled == null) {
                continue;
            }
            for (WatchEvent<?> event : signalled.pollEvents()) {
                if (event.kind() == ENTRY_CREATE) {
                    reported.add((Path) event.context());
                }
            }
            signalled.reset();
        }
    }

    private static Set<Path> missing(Set<Path> created, Set<Path> reported) {
        Set<Path> missing = new HashSet<>(created);
        missing.removeAll(reported);
        return missing;
    }

    private Path create(String name) throws IOException {
        Files.createFile(dir.resolve(name));
        return Path.of(name);
    }
}
