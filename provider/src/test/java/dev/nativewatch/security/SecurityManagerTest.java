package dev.nativewatch.security;

import dev.nativewatch.testing.ChildJvm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * nativewatch as the default provider under a SecurityManager, in the scenarios of the JDK's own WithSecurityManager
 * test: the application may read only the watched directory, or the directory and its tree, or nothing. The
 * provider's code and JNA are granted everything, as a trusted library would be; the application's code only
 * what each scenario says. The service must start (its property reads and native set-up are its own), and
 * registration must need the caller's permissions.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the scenarios name the inotify backend, Linux's")
class SecurityManagerTest {

    @TempDir
    Path tempDir;

    private Path watched;

    @BeforeEach
    void requireASecurityManager() throws Exception {
        assumeTrue(Runtime.version().feature() < 24, "JDK " + Runtime.version() + " cannot enable a SecurityManager "
                + "(JEP 486, JDK 24); these scenarios run on JDK 17 to 23, which CI covers with JDK 17");
        watched = Files.createDirectory(tempDir.resolve("watched"));
    }

    @Test
    void readOnTheDirectoryAllowsAPlainRegistration() throws Exception {
        ChildJvm.Result result = run(List.of(read(watched)), "plain");
        assertEquals(List.of("service=NativeWatchService[inotify]", "registered", "closed"), lines(result),
                result.describe());
    }

    @Test
    void readOnTheDirectoryAloneRefusesATreeRegistration() throws Exception {
        ChildJvm.Result result = run(List.of(read(watched)), "tree");
        List<String> lines = lines(result);
        assertEquals(3, lines.size(), result.describe());
        assertEquals("service=NativeWatchService[inotify]", lines.get(0), result.describe());
        assertTrue(lines.get(1).startsWith("SecurityException: ") && lines.get(1).contains(watched + File.separator
                + "-"), "refused for want of read on the tree:\n" + result.describe());
    }

    @Test
    void readOnTheDirectoryAndItsTreeAllowsATreeRegistration() throws Exception {
        ChildJvm.Result result = run(List.of(read(watched), read(Path.of(watched + File.separator + "-"))), "tree");
        assertEquals(List.of("service=NativeWatchService[inotify]", "registered", "closed"), lines(result),
                result.describe());
    }

    @Test
    void noPermissionRefusesEvenAPlainRegistration() throws Exception {
        ChildJvm.Result result = run(List.of(), "plain");
        List<String> lines = lines(result);
        assertEquals(3, lines.size(), result.describe());
        assertTrue(lines.get(1).startsWith("SecurityException: ") && lines.get(1).contains(watched.toString()),
                "refused for want of read on the directory:\n" + result.describe());
    }

    private ChildJvm.Result run(List<String> applicationPermissions, String mode) throws Exception {
        List<Path> classPath = ChildJvm.classPath().stream()
                .filter(entry -> entry.endsWith("classes") || entry.endsWith("test-classes")
                        || entry.getFileName().toString().startsWith("jna"))
                .collect(Collectors.toList());
        StringBuilder policy = new StringBuilder();
        for (Path entry : classPath) {
            boolean application = entry.endsWith("test-classes");
            policy.append("grant codeBase \"").append(entry.toUri()).append("\" {\n");
            if (application) {
                applicationPermissions.forEach(p -> policy.append("  ").append(p).append(";\n"));
            } else {
                policy.append("  permission java.security.AllPermission;\n");
            }
            policy.append("};\n");
        }
        Path policyFile = Files.writeString(tempDir.resolve("test.policy"), policy);
        ChildJvm.Result result = ChildJvm.sameJdk()
                .option("-Djava.nio.file.spi.DefaultFileSystemProvider="
                                + "dev.nativewatch.spi.NativeWatchFileSystemProvider",
                        "-Djava.security.manager", "-Djava.security.policy==" + policyFile)
                .run(classPath, SecurityManagerProbeMain.class, watched.toString(), mode);
        assertTrue(result.ended() && result.exitCode() == 0, "the child failed:\n" + policy + result.describe());
        return result;
    }

    private static String read(Path path) {
        return "permission java.io.FilePermission \"" + path.toString().replace("\\", "\\\\") + "\", \"read\"";
    }

    private static List<String> lines(ChildJvm.Result result) {
        return result.out().lines().toList();
    }
}
