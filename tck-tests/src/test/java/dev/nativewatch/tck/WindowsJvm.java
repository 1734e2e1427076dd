package dev.nativewatch.tck;

import org.opentest4j.TestAbortedException;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Windows-JVM columns: the same checks in a Windows x64 Java runtime under Wine, which
 * {@link WindowsJvmColumnsTest} starts with {@link WindowsJvmLauncher}.
 */
final class WindowsJvm {

    private WindowsJvm() {
    }

    /** Aborts the calling check unless this JVM is the Windows one. */
    static void require() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            throw new TestAbortedException("this column runs on a Windows JVM under Wine, and this one runs on " + os);
        }
    }

    /**
     * @return where Wine, rather than the JVM or the implementation, makes a check fail on a Windows JVM, for the
     *         JDK's own service and nativewatch alike; each names the Wine behaviour behind it
     */
    static Map<String, String> wineDeviations() {
        Map<String, String> deviations = new TreeMap<>(WineDeclarations.subtree());
        deviations.putAll(WineDeclarations.windowsJvm());
        deviations.put("Extension.lastAccessChangesHaveTheirOwnKind", "Wine fires FILE_NOTIFY_CHANGE_LAST_ACCESS only "
                + "for a write (inotify IN_MODIFY); an access time that is set (IN_ATTRIB) is never reported under it "
                + "(Windows reports it)");
        return deviations;
    }

    /** @return {@code declared} with the checks that Wine keeps from running on a Windows JVM */
    static Map<String, String> notApplicable(Map<String, String> declared) {
        Map<String, String> notApplicable = new TreeMap<>(declared);
        notApplicable.putAll(WineDeclarations.windowsJvmNotApplicable());
        return notApplicable;
    }
}
