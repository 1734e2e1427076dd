package dev.nativewatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on and against: machine, kernel, JDK, every peer's version, and the date. */
final class MachineInfo {

    private MachineInfo() {
    }

    /** @return name and value pairs, in the order RESULTS.md lists them */
    static Map<String, String> collect(Path workspace) {
        Properties versions = bundledVersions();
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).replaceAll("\\.\\d+", ""));
        info.put("CPU", cpuModel());
        info.put("Cores", Runtime.getRuntime().availableProcessors() + " (shared with other work while measuring)");
        info.put("Memory", procLine("/proc/meminfo", "MemTotal").replaceAll("\\s+", " "));
        info.put("Kernel", read("/proc/sys/kernel/osrelease"));
        info.put("File system", fileSystem(workspace));
        info.put("inotify limits", "max_user_watches " + read("/proc/sys/fs/inotify/max_user_watches")
                + ", max_queued_events " + read("/proc/sys/fs/inotify/max_queued_events"));
        info.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        info.put("nativewatch", versions.getProperty("nativewatch.version") + ", inotify backend");
        info.put("JDK WatchService", "the JDK's own (sun.nio.fs.LinuxWatchService), every directory registered");
        info.put("directory-watcher", "io.methvin:directory-watcher " + versions.getProperty("directory-watcher.version")
                + ", default settings (file hashing on)");
        info.put("inotifywait", command("inotifywait", "--help") + " (inotify-tools)");
        info.put("JMH", versions.getProperty("jmh.version"));
        return info;
    }

    private static Properties bundledVersions() {
        Properties properties = new Properties();
        try (InputStream in = MachineInfo.class.getResourceAsStream("bench.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // Versions then read "null", which the report shows as it is.
        }
        return properties;
    }

    private static String cpuModel() {
        return procLine("/proc/cpuinfo", "model name");
    }

    /** @return the value of the first "key : value" line of a /proc file that starts with the key */
    private static String procLine(String file, String key) {
        try {
            for (String line : ProcFile.read(Path.of(file)).lines().toList()) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux, or not readable.
        }
        return "unknown";
    }

    private static String read(String file) {
        try {
            return ProcFile.read(Path.of(file));
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String fileSystem(Path workspace) {
        try {
            return Files.getFileStore(workspace).type() + " (under " + workspace.toAbsolutePath().getParent() + ")";
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** @return the first line a command prints, or "not found" */
    private static String command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String first = new String(process.getInputStream().readAllBytes(), Charset.defaultCharset()).lines()
                    .findFirst().orElse("").trim();
            process.waitFor(10, TimeUnit.SECONDS);
            return first.isEmpty() ? "not found" : first;
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
