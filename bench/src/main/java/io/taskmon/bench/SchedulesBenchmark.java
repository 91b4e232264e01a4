package io.taskmon.bench;

import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.AlertType;
import io.taskmon.events.Topic;
import io.taskmon.events.Topics;
import io.taskmon.streams.MonitorRules;
import io.taskmon.streams.MonitorStreamsApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code ./taskmon bench schedules}: the dead man's switch at scale. 100,000 monitors with
 * schedules ({@link ScheduleMix}: intervals and crons in six time zones), 99 % reporting on time
 * and 1 % silent after their first report, through the real monitor-streams topology on an
 * embedded broker. The benchmark writes the clock ticks itself, as the gateway's ticker writes
 * them, so that two hours of schedule pass in a minute or two; every deadline is judged by the
 * product against those ticks.
 *
 * <ol>
 *   <li>Every monitor reports once without a configuration; then, with ticks flowing once a
 *       second in real time and nothing else, the CPU of the streams app (its threads) and of the
 *       process is measured: the comparator, the same app and monitors with no schedule.</li>
 *   <li>Every monitor reports a run carrying its {@code monitor_config}. Schedule time then passes
 *       a second per tick as fast as the app takes it; each on-time monitor reports a run started
 *       at (or just after) each expected time, finishing 5 to 40 s later, received then.</li>
 *   <li>Before the tick that passes a silent monitor's deadline, the benchmark waits until the
 *       app has consumed everything, writes that tick, and paces the next two a second apart, as
 *       the gateway would: the delay of each MISSED alert is counted from that tick's write to the
 *       alert being read by a {@code read_committed} consumer.</li>
 *   <li>At the end, the same idle measurement as in step 1, now with every schedule's deadlines
 *       kept, in seconds where none falls due.</li>
 * </ol>
 */
public final class SchedulesBenchmark {

    static final String APPLICATION_ID = "bench-schedules";
    /** Ticks after a measured one are paced like the gateway's, so the alert is not raced by a backlog. */
    private static final int PACED_TICKS_AFTER_DEADLINE = 2;
    private static final Duration CAUGHT_UP_WITHIN = Duration.ofMinutes(10);

    private final SchedulesSettings settings;
    private final BenchRuns benchRuns = new BenchRuns();
    private final Random random = new Random(42);

    /** The result as the RESULT line gives it. */
    record Result(int monitors, int missedExpected, int missedRaised, int falseMissed, long delayP50Ms,
                  long delayP99Ms, long delayMaxMs, double idleCpuPct, double idleCpuPctNoSchedules,
                  double idleProcessCpuPct, double idleProcessCpuPctNoSchedules, long runs, int simulatedMinutes,
                  long reminders, long otherAlerts) {

        String line() {
            return String.format(java.util.Locale.ROOT, "RESULT name=schedules monitors=%d missed_expected=%d"
                            + " missed_raised=%d false_missed=%d missed_delay_p99_ms=%d idle_cpu_pct=%.2f"
                            + " idle_cpu_pct_no_schedules=%.2f missed_delay_p50_ms=%d missed_delay_max_ms=%d"
                            + " idle_process_cpu_pct=%.2f idle_process_cpu_pct_no_schedules=%.2f runs=%d"
                            + " simulated_minutes=%d reminders=%d other_alerts=%d",
                    monitors, missedExpected, missedRaised, falseMissed, delayP99Ms, idleCpuPct, idleCpuPctNoSchedules,
                    delayP50Ms, delayMaxMs, idleProcessCpuPct, idleProcessCpuPctNoSchedules, runs, simulatedMinutes,
                    reminders, otherAlerts);
        }
    }

    SchedulesBenchmark(SchedulesSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        SchedulesSettings settings;
        try {
            settings = SchedulesSettings.fromSystem();
        } catch (IllegalArgumentException bad) {
            System.err.println("schedules bench: " + bad.getMessage());
            System.exit(2);
            return;
        }
        Path base = Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath();
        Result result = new SchedulesBenchmark(settings)
                .run(Files.createTempDirectory(Files.createDirectories(base), "schedules-"));
        System.out.println(result.line());
        // The embedded broker leaves threads behind.
        System.exit(0);
    }

    Result run(Path dir) throws Exception {
        System.out.printf("schedules bench: %,d monitors (1 in 100 silent), %d minutes of schedule, idle %d s,"
                        + " %d partitions, %d stream thread(s)%n", settings.monitors(), settings.minutes(),
                settings.idleSeconds(), settings.partitions(), settings.threads());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            String bootstrap = broker.bootstrapServers();
            TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, settings.partitions());
            awaitLeaders(bootstrap);
            MonitorStreamsApp.Settings appSettings = new MonitorStreamsApp.Settings(bootstrap, APPLICATION_ID,
                    dir.resolve("streams"), null, MonitorRules.defaults(),
                    MonitorStreamsApp.Settings.DEFAULT_COMMIT_INTERVAL, settings.threads());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                 KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
                 MissedAlertReader alerts = new MissedAlertReader(bootstrap);
                 MonitorStreamsApp app = new MonitorStreamsApp(appSettings)) {
                app.start();
                return new Round(admin, producer, alerts).run();
            }
        }
    }

    /** One pass through the phases, with the simulated clock and the monitors' plans. */
    private final class Round {

        private final Admin admin;
        private final KafkaProducer<byte[], byte[]> producer;
        private final MissedAlertReader alerts;
        private final SimulatedTicks ticks = new SimulatedTicks(settings.partitions());
        private final AppThreadsCpu appCpu = new AppThreadsCpu(APPLICATION_ID);
        private final int monitors = settings.monitors();
        /**
         * Tick times lie in the past: a broker refuses records stamped more than an hour ahead of
         * its clock, and the ticker stamps each tick with its time.
         */
        private final Instant firstTick = Instant.now().minus(Duration.ofHours(4)).truncatedTo(ChronoUnit.MINUTES);
        /** When the schedules start: on a minute (ending in 2 or 7) that none of the mix's crons hits. */
        private final Instant schedulesStart = startOfSchedules(firstTick.plus(Duration.ofMinutes(5)));
        private final Instant end = schedulesStart.plus(Duration.ofMinutes(settings.minutes()));
        private final ScheduleMix mix = new ScheduleMix(schedulesStart);
        /** Per monitor: its expected time and its planned run's start, epoch seconds. */
        private final long[] expectedAt = new long[monitors];
        private final long[] plannedStart = new long[monitors];
        /** Per silent monitor: the deadline it must be missed at, epoch seconds; 0 for the others. */
        private final long[] firstDeadline = new long[monitors];
        /** Planned reports by the second they are received: (second - schedulesStart) << 20 | monitor. */
        private final PriorityQueue<Long> reports = new PriorityQueue<>();
        /** The seconds whose tick passes a silent monitor's deadline, and when each was written. */
        private final Set<Long> deadlineSeconds = new TreeSet<>();
        private final Map<Long, Long> deadlineTickWrittenNanos = new HashMap<>();
        private Instant clock = firstTick.minusSeconds(1);
        private long pacedFromNanos;
        /** The measured tick the next ones are paced after; far back before the first. */
        private long pacedFromSecond = -1_000_000L;
        private long runsSent;

        Round(Admin admin, KafkaProducer<byte[], byte[]> producer, MissedAlertReader alerts) {
            this.admin = admin;
            this.producer = producer;
            this.alerts = alerts;
        }

        Result run() throws Exception {
            long started = System.nanoTime();
            for (int monitor = 0; monitor < monitors; monitor++) {
                Instant finished = firstTick.minusSeconds(30);
                benchRuns.send(producer, BenchRuns.scheduledRun(ScheduleMix.taskKey(monitor), finished.minusSeconds(30),
                        finished, null), finished.toEpochMilli());
            }
            runsSent += monitors;
            // A task's first tick starts a settle period of a minute: let it pass first.
            advance(firstTick.plusSeconds(70));
            awaitCaughtUp();
            System.out.printf("%,d monitors without a schedule reported, in %d ms; idle for %d s, ticks only%n",
                    monitors, millisSince(started), settings.idleSeconds());
            Idle before = idle();
            System.out.printf("idle without schedules: streams app %.2f %% of a core, process %.2f %%%n",
                    before.appPct(), before.processPct());

            advance(schedulesStart.minusSeconds(1));
            reportConfigurations();
            System.out.printf("schedules: %s; %d deadlines of silent monitors to measure%n", mix.describe(),
                    deadlineSeconds.size());
            long schedulesStarted = System.nanoTime();
            advance(end);
            awaitCaughtUp();
            System.out.printf("%d minutes of schedule passed in %d ms: %,d runs, %,d ticks written%n",
                    settings.minutes(), millisSince(schedulesStarted), runsSent, ticks.written());

            Idle after = idle();
            System.out.printf("idle with %,d monitors' deadlines: streams app %.2f %% of a core, process %.2f %%%n",
                    monitors, after.appPct(), after.processPct());
            return judge(before, after);
        }

        /**
         * Every monitor reports a run carrying its configuration. An interval monitor's run started
         * 1 to 3 minutes ago (its phase), a cron monitor's a minute ago; from there each expects
         * its next run, and the silent ones are missed one grace after it.
         */
        private void reportConfigurations() {
            long now = schedulesStart.getEpochSecond();
            for (int monitor = 0; monitor < monitors; monitor++) {
                int phase = mix.isInterval(monitor) ? ScheduleMix.phaseMinutes(monitor) : 0;
                Instant start = schedulesStart.minusSeconds(60L + 60L * phase);
                benchRuns.send(producer, BenchRuns.scheduledRun(ScheduleMix.taskKey(monitor), start,
                        start.plusSeconds(30), mix.config(monitor)), now * 1000);
                Instant expected = mix.schedule(monitor).nextAfter(start);
                if (ScheduleMix.isSilent(monitor)) {
                    long deadline = expected.plus(mix.grace(monitor)).getEpochSecond();
                    firstDeadline[monitor] = deadline;
                    if (deadline <= end.getEpochSecond()) {
                        deadlineSeconds.add(deadline);
                    }
                } else {
                    plan(monitor, expected.getEpochSecond());
                }
            }
            runsSent += monitors;
        }

        /**
         * The next run of an on-time monitor: a cron job starts up to 20 s after its time, an
         * interval job at it or (one in five) a minute later, well within every grace; it runs 5 to
         * 40 s and is reported when it finishes.
         */
        private void plan(int monitor, long expected) {
            long start = mix.isInterval(monitor) ? expected + (random.nextInt(5) == 0 ? 60 : 0)
                    : expected + random.nextInt(21);
            long finish = start + 5 + random.nextInt(36);
            expectedAt[monitor] = expected;
            plannedStart[monitor] = start;
            reports.add(((finish - schedulesStart.getEpochSecond()) << 20) | monitor);
        }

        /** The run due now, reported; then the next one planned as the product expects it. */
        private void report(int monitor, long finish) {
            long start = plannedStart[monitor];
            benchRuns.send(producer, BenchRuns.scheduledRun(ScheduleMix.taskKey(monitor), Instant.ofEpochSecond(start),
                    Instant.ofEpochSecond(finish), null), finish * 1000);
            runsSent++;
            long next = mix.isInterval(monitor) ? start + mix.config(monitor).intervalSeconds()
                    : mix.schedule(monitor).nextAfter(Instant.ofEpochSecond(Math.max(start, expectedAt[monitor])))
                            .getEpochSecond();
            plan(monitor, next);
        }

        /** Schedule time passes second by second up to {@code until}: the runs due, then the tick. */
        private void advance(Instant until) throws Exception {
            long last = until.getEpochSecond();
            for (long second = clock.getEpochSecond() + 1; second <= last; second++) {
                long offset = second - schedulesStart.getEpochSecond();
                while (!reports.isEmpty() && (reports.peek() >> 20) <= offset) {
                    long planned = reports.poll();
                    report((int) (planned & 0xFFFFF), (planned >> 20) + schedulesStart.getEpochSecond());
                }
                Instant at = Instant.ofEpochSecond(second);
                if (second % 60 == 0 && second > schedulesStart.getEpochSecond()) {
                    // Every deadline of the mix is on a whole minute, at least 20 s of schedule time
                    // after the run that meets it is reported. At this speed those 20 s are
                    // milliseconds, and Streams could read the tick before it has even fetched the
                    // run; a gateway writes them 20 real seconds apart.
                    awaitCaughtUp();
                }
                if (deadlineSeconds.contains(second)) {
                    awaitCaughtUp();
                    long written = System.nanoTime();
                    ticks.tick(producer, at);
                    producer.flush();
                    deadlineTickWrittenNanos.put(second, written);
                    pacedFromNanos = written;
                    pacedFromSecond = second;
                } else if (second - pacedFromSecond <= PACED_TICKS_AFTER_DEADLINE) {
                    sleepUntil(pacedFromNanos + (second - pacedFromSecond) * 1_000_000_000L);
                    ticks.tick(producer, at);
                    producer.flush();
                } else {
                    ticks.tick(producer, at);
                }
                clock = at;
                if (offset > 0 && offset % 600 == 0) {
                    System.out.printf("schedule time %s (%d of %d min): %,d runs sent, %d MISSED read%n",
                            at.atOffset(ZoneOffset.UTC).toLocalTime(), offset / 60, settings.minutes(), runsSent,
                            alerts.missedCount());
                }
            }
        }

        /** The CPU used while ticks arrive once a second in real time and nothing else happens. */
        private Idle idle() throws Exception {
            long wallStart = System.nanoTime();
            long appStart = appCpu.nanos();
            long processStart = CpuClock.processNanos();
            for (int i = 0; i < settings.idleSeconds(); i++) {
                sleepUntil(wallStart + i * 1_000_000_000L);
                clock = clock.plusSeconds(1);
                ticks.tick(producer, clock);
                producer.flush();
            }
            sleepUntil(wallStart + settings.idleSeconds() * 1_000_000_000L);
            long wall = System.nanoTime() - wallStart;
            return new Idle(100.0 * (appCpu.nanos() - appStart) / wall,
                    100.0 * (CpuClock.processNanos() - processStart) / wall);
        }

        private Result judge(Idle before, Idle after) throws Exception {
            Map<UUID, Integer> byMonitorId = new HashMap<>();
            for (int monitor = 0; monitor < monitors; monitor++) {
                byMonitorId.put(ScheduleMix.monitorId(monitor), monitor);
            }
            Map<UUID, Integer> silentByMonitorId = new HashMap<>();
            int expected = 0;
            for (int monitor = 0; monitor < monitors; monitor++) {
                if (firstDeadline[monitor] != 0 && firstDeadline[monitor] <= clock.getEpochSecond()) {
                    silentByMonitorId.put(ScheduleMix.monitorId(monitor), monitor);
                    expected++;
                }
            }
            // Everything was consumed before the last idle phase; its alerts are committed or about to be.
            long waitUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (alerts.missedCount() < expected && System.nanoTime() < waitUntil) {
                Thread.sleep(100);
            }
            Histogram delays = new Histogram(3);
            Set<UUID> raised = new HashSet<>();
            int falseMissed = 0;
            for (MissedAlertReader.Missed missed : alerts.missed()) {
                Integer monitor = silentByMonitorId.get(missed.monitorId());
                long deadline = missed.deadline().getEpochSecond();
                if (monitor == null || deadline != firstDeadline[monitor] || missed.deadline().getNano() != 0
                        || !raised.add(missed.monitorId())) {
                    falseMissed++;
                    if (falseMissed <= 5) {
                        Integer which = byMonitorId.get(missed.monitorId());
                        System.out.printf("false MISSED: %s at %s; %s%n", which == null ? missed.monitorId()
                                : ScheduleMix.taskKey(which) + " (" + mix.describe(which) + ")", missed.deadline(),
                                which == null ? "not a benchmark monitor" : ScheduleMix.isSilent(which)
                                        ? "silent, missed at " + Instant.ofEpochSecond(firstDeadline[which])
                                        : "on time, its last run started " + Instant.ofEpochSecond(plannedStart[which]));
                    }
                    continue;
                }
                Long writtenAt = deadlineTickWrittenNanos.get(deadline);
                if (writtenAt != null) {
                    delays.recordValue(Math.max(0, (missed.readNanos() - writtenAt) / 1_000_000));
                }
            }
            if (raised.size() < expected) {
                System.out.printf("only %d of %d expected MISSED alerts arrived%n", raised.size(), expected);
            }
            Map<AlertType, Long> others = alerts.otherAlerts();
            long reminders = others.getOrDefault(AlertType.REMINDER, 0L);
            long otherAlerts = others.values().stream().mapToLong(Long::longValue).sum() - reminders;
            System.out.printf("MISSED: %d expected, %d raised, %d false; delay from the tick that passed the deadline"
                            + " p50 %d ms, p99 %d ms, max %d ms; other alerts %s%n", expected, raised.size(), falseMissed,
                    percentile(delays, 50), percentile(delays, 99), delays.getTotalCount() == 0 ? -1 : delays.getMaxValue(),
                    others);
            return new Result(monitors, expected, raised.size(), falseMissed, percentile(delays, 50),
                    percentile(delays, 99), delays.getTotalCount() == 0 ? -1 : delays.getMaxValue(), after.appPct(),
                    before.appPct(), after.processPct(), before.processPct(), runsSent, settings.minutes(), reminders,
                    otherAlerts);
        }

        /**
         * Until the app has consumed every run and tick written so far (its committed offsets, which
         * under exactly-once commit with its output, reach the end of both input topics).
         */
        private void awaitCaughtUp() throws Exception {
            producer.flush();
            benchRuns.checkNothingLost();
            ticks.checkNothingLost();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Topic<?, ?> topic : List.of(Topics.TASK_RUNS, Topics.CLOCK_TICKS)) {
                for (int p = 0; p < settings.partitions(); p++) {
                    latest.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> endOffsets = admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long deadline = System.nanoTime() + CAUGHT_UP_WITHIN.toNanos();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                        .partitionsToOffsetAndMetadata().get();
                boolean caughtUp = endOffsets.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
                if (caughtUp) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("monitor-streams did not consume the runs and ticks within "
                            + CAUGHT_UP_WITHIN.toMinutes() + " minutes");
                }
                Thread.sleep(20);
            }
        }
    }

    /** CPU as a percentage of one core: the streams app's threads, and this whole process. */
    private record Idle(double appPct, double processPct) {
    }

    /** The first minute from {@code after} on that ends in 2 or 7: no cron of the mix fires then or a minute before. */
    static Instant startOfSchedules(Instant after) {
        Instant minute = after.truncatedTo(ChronoUnit.MINUTES);
        while (minute.atOffset(ZoneOffset.UTC).getMinute() % 5 != 2) {
            minute = minute.plus(Duration.ofMinutes(1));
        }
        return minute;
    }

    /**
     * Until every partition of every topic has a leader: a producer that starts right after the
     * topics were created can otherwise hit a partition still being set up.
     */
    private static void awaitLeaders(String bootstrap) throws Exception {
        List<String> names = Topics.ALL.stream().map(Topic::name).toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!admin.describeTopics(names).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded broker's partitions got no leader within 60 s");
                }
                Thread.sleep(100);
            }
        }
    }

    /** Runs and ticks, batched while schedule time races; a measured tick is flushed at once. */
    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        // One batch in flight per partition keeps the order without the idempotent producer's
        // sequence numbers, which can get stuck retrying right after topic creation.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        // The machine may be busy; a slow broker must delay the load, not drop a run or a tick.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "600000");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "600000");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** -1 when nothing was measured. */
    private static long percentile(Histogram histogram, int percent) {
        return histogram.getTotalCount() == 0 ? -1 : histogram.getValueAtPercentile(percent);
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
