package io.taskmon.gateway;

import io.taskmon.config.DurationText;
import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the ingest gateway is told, with the environment variable that sets each part.
 *
 * @param bootstrapServers KAFKA_BOOTSTRAP_SERVERS: where accepted reports are published
 * @param ingestKeys       TASKMON_INGEST_KEYS: comma-separated; every report needs one
 * @param reportsPerSecond TASKMON_INGEST_RATE_LIMIT: reports a second each key may send on average
 * @param burst            TASKMON_INGEST_BURST: reports each key may send at once, at least one full batch
 * @param deliveryTimeout  TASKMON_DELIVERY_TIMEOUT: how long a report may wait for Kafka before 503
 * @param linger           TASKMON_INGEST_LINGER: how long a report may wait to share a produce request
 * @param kafkaClient      Kafka client properties passed through from TASKMON_KAFKA_*
 */
public record GatewaySettings(
        String bootstrapServers,
        List<String> ingestKeys,
        double reportsPerSecond,
        int burst,
        Duration deliveryTimeout,
        Duration linger,
        Map<String, String> kafkaClient) {

    /**
     * The defaults are generous on purpose: they stop a sender stuck in a loop, not a busy fleet
     * sharing one key. Set them per deployment.
     */
    public static final double DEFAULT_REPORTS_PER_SECOND = 10_000;
    public static final int DEFAULT_BURST = 20_000;
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(2);
    static final Duration MAX_LINGER = Duration.ofSeconds(1);

    /** Taskmon's own variables with the {@code TASKMON_KAFKA_} prefix: not Kafka client properties. */
    static final Set<String> RESERVED_KAFKA_NAMES = Set.of("TASKMON_KAFKA_PORT");

    public GatewaySettings {
        ingestKeys = List.copyOf(ingestKeys);
        kafkaClient = Map.copyOf(kafkaClient);
    }

    /** The gateway on its own: KAFKA_BOOTSTRAP_SERVERS is required. */
    public static GatewaySettings read(Settings settings) {
        String bootstrapServers = settings.optionalText("KAFKA_BOOTSTRAP_SERVERS").orElseThrow(() ->
                new SettingsException("KAFKA_BOOTSTRAP_SERVERS must name the Kafka broker(s) the gateway publishes to"));
        return read(settings, bootstrapServers);
    }

    /**
     * Every setting but the broker's address, which the caller knows (standalone starts its own
     * broker); a bad value is a {@link SettingsException} naming the variable.
     */
    public static GatewaySettings read(Settings settings, String bootstrapServers) {
        return new GatewaySettings(
                bootstrapServers,
                settings.list("TASKMON_INGEST_KEYS", true),
                reportsPerSecond(settings),
                burst(settings),
                settings.duration("TASKMON_DELIVERY_TIMEOUT", DEFAULT_DELIVERY_TIMEOUT),
                linger(settings),
                settings.kafkaClientProperties(RESERVED_KAFKA_NAMES));
    }

    public GatewaySettings withBootstrapServers(String servers) {
        return new GatewaySettings(servers, ingestKeys, reportsPerSecond, burst, deliveryTimeout, linger, kafkaClient);
    }

    public GatewaySettings withIngestKeys(List<String> keys) {
        return new GatewaySettings(bootstrapServers, keys, reportsPerSecond, burst, deliveryTimeout, linger, kafkaClient);
    }

    private static double reportsPerSecond(Settings settings) {
        String text = settings.text("TASKMON_INGEST_RATE_LIMIT", "10000");
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the value the user gave
        }
        throw new SettingsException("TASKMON_INGEST_RATE_LIMIT must be a number of reports per second more than 0, got '"
                + text + "'");
    }

    private static int burst(Settings settings) {
        int burst = settings.integer("TASKMON_INGEST_BURST", DEFAULT_BURST, 1, Integer.MAX_VALUE);
        if (burst < BatchBody.MAX_REPORTS) {
            // Below this a full batch could never pass, however long the sender waited.
            throw new SettingsException("TASKMON_INGEST_BURST must be at least " + BatchBody.MAX_REPORTS
                    + " (the largest batch), got " + burst);
        }
        return burst;
    }

    private static Duration linger(Settings settings) {
        String text = settings.text("TASKMON_INGEST_LINGER", DurationText.format(DEFAULT_LINGER));
        Optional<Duration> linger = text.equals("0") ? Optional.of(Duration.ZERO) : DurationText.parse(text);
        if (linger.isEmpty() || linger.get().isNegative() || linger.get().compareTo(MAX_LINGER) > 0) {
            throw new SettingsException("TASKMON_INGEST_LINGER must be from 0ms to 1s, got '" + text + "'");
        }
        return linger.get();
    }
}
