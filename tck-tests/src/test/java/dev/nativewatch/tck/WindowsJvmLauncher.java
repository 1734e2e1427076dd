package dev.nativewatch.tck;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs compatibility classes in this JVM through the JUnit Platform launcher, with the report listener that the
 * launcher finds as a service, and prints the summary; exits 1 if a check failed. {@link WindowsJvmColumnsTest}
 * starts it on the Windows runtime, where surefire's own booter cannot run (the runtime lacks java.management).
 */
public final class WindowsJvmLauncher {

    private WindowsJvmLauncher() {
    }

    public static void main(String[] classNames) throws ClassNotFoundException {
        Class<?>[] classes = new Class<?>[classNames.length];
        for (int i = 0; i < classNames.length; i++) {
            classes[i] = Class.forName(classNames[i]);
        }
        LauncherDiscoveryRequest discovery = request()
                .selectors(Arrays.stream(classes).map(c -> selectClass(c)).toList())
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(discovery, summary);
        TestExecutionSummary result = summary.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        result.printTo(out);
        result.printFailuresTo(out, 30);
        out.println("CHECKS " + result.getTestsSucceededCount() + " passed, " + result.getTotalFailureCount()
                + " failed, " + result.getTestsAbortedCount() + " aborted");
        out.flush();
        System.exit(result.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
