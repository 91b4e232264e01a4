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

    @Context
    ReportParser reportParser() {
        return new ReportParser(Clock.systemUTC());
    }

    @Context
    @Bean(preDestroy = "close")
    RunPublisher runPublisher(
            @Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${taskmon.ingest.delivery-timeout:5s}") Duration deliveryTimeout) {
        return new RunPublisher(bootstrapServers, deliveryTimeout);
    }

    @Context
    @Bean(preDestroy = "close")
    KafkaBrokerCheck kafkaBrokerCheck(@Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers) {
        return new KafkaBrokerCheck(bootstrapServers);
    }
}
