package dev.nativewatch.backend.tree;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The scenarios that need a JVM of their own; each passes when its child JVM exits with success. */
class ChildJvmRegressionTest {

    /** Far above what each scenario needs (a JVM start and a few events); a child past it is killed. */
    static final Duration LIVENESS = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void withoutALocaleUtf8NamesAreReportedAndThePollerSurvives() throws Exception {
        WatchBackend.INOTIFY.assumeAvailable();
        assertPasses(run(List.of(), NoLocaleScenario.class));
    }

    @Test
    void withoutALocaleATreeWithUtf8NamesRegistersForSecurityAndTimeKinds() throws Exception {
        WatchBackend.INOTIFY.assumeAvailable();
        assertPasses(run(List.of(), NoLocaleRegistrationScenario.class));
    }

    @Test
    void afterAnExchangeMovingOneDirectoryIntoTheOtherDoesNotHangTheService() throws Exception {
        WatchBackend.INOTIFY.assumeAvailable();
        assertPasses(run(List.of(), ExchangeThenNestScenario.class));
    }

    @Test
    void pollingReportsNoDeletionForAnUnreadableSubdirectory() throws Exception {
        WatchBackend.POLLING.assumeAvailable();
        List<String> prefix = List.of();
        if (Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0)) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")),
                    "running as root, which reads any directory, and there is no setpriv to drop that privilege");
            prefix = List.of("/usr/bin/setpriv", "--inh-caps=-all",
                    "--bounding-set=-dac_override,-dac_read_search");
        }
        assertPasses(run(prefix, UnreadableSubdirectoryScenario.class));
    }

    private ChildJvm.Result run(List<String> prefix, Class<? extends ChildScenario> scenario) throws Exception {
        return ChildJvm.run(prefix, environment -> {
            environment.remove("LANG");
            environment.remove("LANGUAGE");
            environment.keySet().removeIf(name -> name.startsWith("LC_"));
        }, LIVENESS, scenario, temp.toString());
    }

    private static void assertPasses(ChildJvm.Result result) {
        Assumptions.assumeFalse(result.exitCode() != null && result.exitCode() == ChildScenario.NOT_APPLICABLE,
                () -> "not applicable here: " + result.output());
        assertNotNull(result.exitCode(), () -> "the child JVM did not end within " + LIVENESS + " and was killed;"
                + " its last step is where it hung:\n" + result.output());
        assertEquals(0, result.exitCode(), result.toString());
    }
}
