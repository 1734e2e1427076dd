package dev.nativewatch.tck;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where Wine's ReadDirectoryChangesW differs from Windows', whoever calls it: the bridge column and the
 * Windows-JVM columns (the JDK's own service and nativewatch's) meet the same Wine, so they declare the same causes.
 */
final class WineDeclarations {

    private WineDeclarations() {
    }

    /** @return the subtree checks that Wine's watch of a tree, one inotify watch per directory, fails */
    static Map<String, String> subtree() {
        String existing = "Wine watches a subtree with an inotify watch per directory, and adds one for a "
                + "subdirectory only when it sees it created: changes inside subdirectories that existed before the "
                + "watch are not reported (Windows reports the whole tree)";
        String movedIn = "Wine adds a subtree's inotify watch for a subdirectory it sees created (IN_CREATE), not for "
                + "one moved in (IN_MOVED_TO): nothing inside a directory moved into the tree is reported (Windows "
                + "reports the whole tree)";
        Map<String, String> deviations = new TreeMap<>();
        deviations.put("Extension.subtreeReportsNestedEntriesWithRelativeContexts", existing);
        deviations.put("Extension.excludedDirectoriesAndFilesAreNotReported", existing);
        deviations.put("Extension.registeringAgainReplacesTheExclusions", existing);
        deviations.put("Scenario.fileTreeModifier", existing);
        deviations.put("Extension.subtreeFollowsDirectoriesMovedIn", movedIn);
        return deviations;
    }

    /**
     * @return the checks that fail on a Windows JVM under Wine because of Wine, for any watch service there: a
     *         deleted directory that a watch holds open, and a set access time
     */
    static Map<String, String> windowsJvm() {
        String deleted = "Wine deletes a directory only when its last handle is closed, and the watch holds one: the "
                + "directory stays, no read fails and nothing tells the key it is gone (on Windows the pending read "
                + "fails with ERROR_ACCESS_DENIED and the directory can no longer be opened)";
        Map<String, String> deviations = new TreeMap<>();
        deviations.put("KeyLifecycle.deletingTheDirectorySignalsTheKey", deleted);
        deviations.put("KeyLifecycle.deletingTheDirectoryInvalidatesTheKey", deleted);
        deviations.put("Registration.recreatedDirectoryGivesANewKey", deleted);
        return deviations;
    }

    /** @return what Wine keeps a Windows JVM from doing at all, so that the check cannot run there */
    static Map<String, String> windowsJvmNotApplicable() {
        return Map.of("Differential.matchesTheJdk[symlink]", "Wine refuses to create the symbolic link the script "
                + "needs (CreateSymbolicLinkW), so the script cannot run on a Windows JVM under Wine");
    }
}
