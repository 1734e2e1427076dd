package dev.nativewatch.bench.workloads;

import dev.nativewatch.bench.ProcFile;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.function.Predicate;

/** CPU time used so far by some of this JVM's threads, by the whole JVM, or by another process. */
final class CpuMeter {

    /** USER_HZ: /proc reports times in these ticks, 100 a second on every Linux architecture the JDK runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {
    }

    /** @return the CPU time of the live threads whose names match, in nanoseconds */
    static long threadsNanos(Predicate<String> names) {
        long total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && names.test(info.getThreadName())) {
                long cpu = THREADS.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    /** @return this JVM's CPU time, GC and compiler threads included, in nanoseconds */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** @return utime + stime of another process, from /proc/PID/stat, in nanoseconds (10 ms resolution) */
    static long processNanos(long pid) throws IOException {
        String stat = ProcFile.read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at 3 (state).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15: utime, stime
        return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    }
}
