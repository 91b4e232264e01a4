package io.taskmon.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of one Kafka Streams application inside this JVM: its Java threads (stream threads,
 * their producers' and consumers' network threads, its admin client: all named after the
 * application id) and the native threads of RocksDB, which only Streams runs here. The broker
 * and the load generator share the JVM, so the process's CPU time alone would count them too.
 * Garbage collection is the JVM's and is left out; the process figure beside it shows it.
 */
final class AppThreadsCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** The unit of /proc on every Linux build that matters (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private final String applicationId;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    AppThreadsCpu(String applicationId) {
        this.applicationId = applicationId;
    }

    /** CPU time so far of the application's threads that are alive now. */
    long nanos() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total + rocksDbNanos();
    }

    /** RocksDB's flush and compaction threads name themselves {@code rocksdb:...}; 0 where /proc is absent. */
    private static long rocksDbNanos() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(AppThreadsCpu::rocksDbTicks).sum() * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long rocksDbTicks(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (!stat.substring(open + 1, close).startsWith("rocksdb")) {
                return 0;
            }
            // After "pid (comm) ": state is field 3, utime field 14, stime field 15.
            String[] fields = stat.substring(close + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            // a thread that ended while it was read
            return 0;
        }
    }
}
