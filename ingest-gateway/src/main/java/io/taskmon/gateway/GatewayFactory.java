package io.taskmon.gateway;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's beans, built from typed settings with documented defaults. They are created
 * when the application starts ({@link Context}), not on the first request: a missing key or
 * broker address stops the start, and the first report does not pay for creating the producer.
 */
@Factory
public class GatewayFactory {

    @Context
    IngestKeys ingestKeys(@Value("${taskmon.ingest.keys:}") List<String> keys) {
        return new IngestKeys(keys);
    }

    /**
     * The defaults are generous on purpose: they stop a sender stuck in a loop, not a busy fleet
     * sharing one key. Set them per deployment.
     */
    @Context
    RateLimiter rateLimiter(
            IngestKeys keys,
            @Value("${taskmon.ingest.rate-limit.reports-per-second:10000}") double reportsPerSecond,
            @Value("${taskmon.ingest.rate-limit.burst:20000}") int burst) {
        return new RateLimiter(keys.size(), reportsPerSecond, burst, System::nanoTime);
    }

    @Context
    ReportIngest reportIngest(IngestKeys keys, RateLimiter rateLimiter, ReportParser parser, RunPublisher publisher) {
        return new ReportIngest(keys, rateLimiter, parser, publisher);
    }

    @Context
    ReportParser reportParser() {
        return new ReportParser(Clock.systemUTC());
    }

    @Context
    @Bean(preDestroy = "close")
    RunPublisher runPublisher(
            @Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${taskmon.ingest.delivery-timeout:5s}") Duration deliveryTimeout,
            @Value("${taskmon.ingest.linger:2ms}") Duration linger) {
        if (linger.isNegative() || linger.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("taskmon.ingest.linger must be from 0ms to 1s, got " + linger);
        }
        return new RunPublisher(bootstrapServers, deliveryTimeout, linger);
    }

    @Context
    @Bean(preDestroy = "close")
    KafkaBrokerCheck kafkaBrokerCheck(@Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers) {
        return new KafkaBrokerCheck(bootstrapServers);
    }
}
