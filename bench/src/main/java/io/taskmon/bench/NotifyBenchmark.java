package io.taskmon.bench;

import io.taskmon.embedded.EmbeddedKafkaBroker;
import io.taskmon.embedded.TopicProvisioner;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.events.MonitorId;
import io.taskmon.events.NotifierSetting;
import io.taskmon.events.Route;
import io.taskmon.events.RouteMatch;
import io.taskmon.events.Topics;
import io.taskmon.notifier.Notifier;
import io.taskmon.notifier.NotifierSettings;
import io.taskmon.notifier.RetryPolicy;
import io.taskmon.notifier.SmtpSettings;
import io.taskmon.notifier.admin.NotifierConfigPublisher;
import io.taskmon.standalone.StandaloneSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./taskmon bench notify}: the real notifier on an embedded broker delivering alerts from
 * {@code taskmon.alerts.v1} to webhook receivers on loopback, one channel (and route) per phase.
 *
 * <ol>
 *   <li>Burst: {@code alerts} alerts put on the topic at once; deliveries a second from the first
 *       alert sent to the last one received.</li>
 *   <li>Steady: {@code rate} alerts a second for {@code steady-seconds}; the latency of each
 *       from its send to the topic to its receipt by the webhook.</li>
 *   <li>Failing receiver: {@code alerts} alerts at once to a receiver that answers 500 to
 *       {@code fail-percent} of requests; every alert must arrive, repeats counted by
 *       {@code webhook-id}. Retries start after 100 ms here (30 s by default), so the phase
 *       measures completeness, not the retry schedule.</li>
 * </ol>
 *
 * <p>Settings are system properties {@code taskmon.bench.notify.NAME} or environment variables
 * {@code TASKMON_BENCH_NOTIFY_NAME}: {@code alerts} (10,000), {@code rate} (100),
 * {@code steady-seconds} (30), {@code fail-percent} (20).
 */
public final class NotifyBenchmark {

    /** The figures of one run. */
    record Result(long sent, double deliveriesPerSecond, double latencyP50Ms, double latencyP99Ms, long steadySent,
                  long delivered, long duplicates, long failingSent, long failingDelivered, long failingRefused) {

        String line() {
            return String.format(Locale.ROOT, "RESULT name=notify deliveries_per_s=%.0f latency_p50_ms=%.1f"
                            + " latency_p99_ms=%.1f delivered=%d duplicates=%d failing_receiver_delivered=%d sent=%d"
                            + " steady_sent=%d failing_sent=%d failing_refused=%d",
                    deliveriesPerSecond, latencyP50Ms, latencyP99Ms, delivered, duplicates, failingDelivered,
                    sent + steadySent, steadySent, failingSent, failingRefused);
        }
    }

    /** What a run does, each read from a setting. */
    record Sizes(int alerts, int rate, int steadySeconds, int failPercent) {

        static Sizes read(Map<String, String> properties, Map<String, String> environment) {
            return new Sizes(setting("alerts", 10_000, 1, 1_000_000, properties, environment),
                    setting("rate", 100, 1, 10_000, properties, environment),
                    setting("steady-seconds", 30, 1, 3_600, properties, environment),
                    setting("fail-percent", 20, 0, 90, properties, environment));
        }
    }

    /** How long a phase may take before the benchmark gives up and says what arrived. */
    private static final Duration PHASE_LIMIT = Duration.ofMinutes(10);
    /** After the last alert arrived: time for a late repeat to show up before repeats are counted. */
    private static final Duration SETTLE = Duration.ofSeconds(2);

    private final Sizes sizes;
    private final Map<UUID, Long> sentAtNanos = new ConcurrentHashMap<>();
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();

    NotifyBenchmark(Sizes sizes) {
        this.sizes = sizes;
    }

    public static void main(String[] args) throws Exception {
        Sizes sizes;
        try {
            sizes = Sizes.read(Map.of(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("notify bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path base = Files.createDirectories(Path.of(System.getProperty("taskmon.bench.dir", "target/bench")).toAbsolutePath());
        Path dir = Files.createTempDirectory(base, "notify-");
        System.out.printf("notify bench: burst of %,d alerts; steady %d alerts/s for %d s; %,d alerts to a receiver"
                + " refusing %d%% of requests%n", sizes.alerts(), sizes.rate(), sizes.steadySeconds(), sizes.alerts(),
                sizes.failPercent());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            TopicProvisioner.ensureTopics(broker.bootstrapServers(), Topics.ALL, StandaloneSettings.DEFAULT_PARTITIONS);
            Result result = new NotifyBenchmark(sizes).run(broker.bootstrapServers());
            System.out.println(result.line());
        }
    }

    Result run(String bootstrap) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (NotifyReceiver burstReceiver = new NotifyReceiver(0, sentAtNanos);
             NotifyReceiver steadyReceiver = new NotifyReceiver(0, sentAtNanos);
             NotifyReceiver failingReceiver = new NotifyReceiver(sizes.failPercent(), sentAtNanos);
             KafkaProducer<UUID, Alert> producer = producer(bootstrap)) {
            // Published before the notifier starts: it reads its configuration before it reads alerts.
            try (NotifierConfigPublisher config = new NotifierConfigPublisher(bootstrap, Duration.ofSeconds(30), Map.of())) {
                route(config, "burst_" + run + "_", burstReceiver.url());
                route(config, "steady_" + run + "_", steadyReceiver.url());
                route(config, "failing_" + run + "_", failingReceiver.url());
            }
            NotifierSettings settings = new NotifierSettings(bootstrap, "bench-notify-" + run,
                    new SmtpSettings(null, 25, null, null, SmtpSettings.DEFAULT_FROM, false),
                    new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofHours(1)),
                    Duration.ofSeconds(10), NotifierSettings.DEFAULT_DASHBOARD_URL, Map.of());
            try (Notifier notifier = new Notifier(settings)) {
                notifier.start();
                awaitRunning(notifier);

                long burstStarted = System.nanoTime();
                for (int i = 0; i < sizes.alerts(); i++) {
                    send(producer, "burst_" + run + "_" + i);
                }
                producer.flush();
                checkNothingLost();
                awaitDelivered(burstReceiver, sizes.alerts(), "burst");
                double burstSeconds = (burstReceiver.lastTakenNanos() - burstStarted) / 1e9;
                double perSecond = sizes.alerts() / burstSeconds;
                System.out.printf(Locale.ROOT, "burst: %,d alerts delivered in %.2f s: %,.0f deliveries/s%n",
                        sizes.alerts(), burstSeconds, perSecond);

                int steadySent = steady(producer, "steady_" + run + "_");
                awaitDelivered(steadyReceiver, steadySent, "steady");
                Histogram latency = steadyReceiver.latencyMicros();
                System.out.printf(Locale.ROOT, "steady: %,d alerts at %d/s, latency p50 %.1f ms, p99 %.1f ms,"
                                + " max %.1f ms%n", steadySent, sizes.rate(), ms(latency, 50), ms(latency, 99),
                        latency.getMaxValue() / 1000.0);

                for (int i = 0; i < sizes.alerts(); i++) {
                    send(producer, "failing_" + run + "_" + i);
                }
                producer.flush();
                checkNothingLost();
                awaitDelivered(failingReceiver, sizes.alerts(), "failing receiver");
                System.out.printf("failing receiver: %,d of %,d alerts delivered, %,d requests refused%n",
                        failingReceiver.delivered(), sizes.alerts(), failingReceiver.refused());

                Thread.sleep(SETTLE.toMillis());
                return new Result(sizes.alerts(), perSecond, ms(latency, 50), ms(latency, 99), steadySent,
                        burstReceiver.delivered() + steadyReceiver.delivered(),
                        burstReceiver.duplicates() + steadyReceiver.duplicates() + failingReceiver.duplicates(),
                        sizes.alerts(), failingReceiver.delivered(), failingReceiver.refused());
            }
        }
    }

    /** A webhook channel with grouping off and a route taking the task keys that start with {@code prefix}. */
    private static void route(NotifierConfigPublisher config, String prefix, String url) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Channel channel = new Channel(UUID.randomUUID(), prefix + "hook", ChannelType.WEBHOOK, null, url,
                "whsec_" + Base64.getEncoder().encodeToString(key), Instant.now());
        config.publish(NotifierSetting.keyOf(channel), NotifierSetting.of(channel));
        Route route = new Route(UUID.randomUUID(), prefix + "route", new RouteMatch(List.of(), List.of(), prefix + "*", null),
                List.of(channel.channelId()), Instant.now());
        config.publish(NotifierSetting.keyOf(route), NotifierSetting.of(route));
    }

    /** {@code rate} alerts a second, each sent on its own schedule so a slow send does not shift the rest. */
    private int steady(KafkaProducer<UUID, Alert> producer, String prefix) {
        int count = sizes.rate() * sizes.steadySeconds();
        long interval = 1_000_000_000L / sizes.rate();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send(producer, prefix + i);
        }
        producer.flush();
        checkNothingLost();
        return count;
    }

    private void send(KafkaProducer<UUID, Alert> producer, String taskKey) {
        UUID monitorId = MonitorId.of(taskKey, "shell", "BENCH-01");
        Instant now = Instant.now();
        Alert alert = new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.FAILING, monitorId, null, taskKey,
                "Bench task " + taskKey, "shell", "BENCH-01", null, 3, 3, now.minusSeconds(180), now,
                "exit status 1: connection refused", 1, null, now, taskKey + " failed 3 times in a row");
        sentAtNanos.put(alert.alertId(), System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.ALERTS.name(), monitorId, alert), (metadata, error) -> {
            if (error != null) {
                sendFailure.compareAndSet(null, error);
            }
        });
    }

    private void checkNothingLost() {
        Exception failure = sendFailure.get();
        if (failure != null) {
            throw new IllegalStateException("an alert could not be sent: " + failure.getMessage(), failure);
        }
    }

    private static void awaitRunning(Notifier notifier) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!notifier.isRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the notifier was not running within 120 s");
            }
            Thread.sleep(50);
        }
    }

    private static void awaitDelivered(NotifyReceiver receiver, long expected, String phase) throws InterruptedException {
        long deadline = System.nanoTime() + PHASE_LIMIT.toNanos();
        while (receiver.delivered() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phase + ": only " + receiver.delivered() + " of " + expected
                        + " alerts arrived within " + PHASE_LIMIT.toMinutes() + " minutes");
            }
            Thread.sleep(10);
        }
    }

    private static KafkaProducer<UUID, Alert> producer(String bootstrap) {
        // linger 0: each steady alert goes out when it is sent, so its latency starts then.
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Topics.ALERTS.keySerde().serializer(), Topics.ALERTS.valueSerde().serializer());
    }

    private static double ms(Histogram micros, int percentile) {
        return micros.getTotalCount() == 0 ? -1 : micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A whole number from {@code min} to {@code max}; a bad value is one sentence naming the variable. */
    static int setting(String name, int fallback, int min, int max, Map<String, String> properties,
                       Map<String, String> environment) {
        String property = "taskmon.bench.notify." + name;
        String variable = "TASKMON_BENCH_NOTIFY_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        String source = property;
        String value = properties.getOrDefault(property, System.getProperty(property));
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
            source = variable;
        }
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below with the value given
        }
        throw new IllegalArgumentException(source + " must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }
}
