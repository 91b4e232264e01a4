package io.taskmon.gateway;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The gateway's beans, built from typed settings with documented defaults. */
@Factory
public class GatewayFactory {

    @Singleton
    IngestKeys ingestKeys(@Value("${taskmon.ingest.keys:}") List<String> keys) {
        return new IngestKeys(keys);
    }

    @Singleton
    ReportParser reportParser() {
        return new ReportParser(Clock.systemUTC());
    }

    @Singleton
    @Bean(preDestroy = "close")
    RunPublisher runPublisher(
            @Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers,
            @Value("${taskmon.ingest.delivery-timeout:5s}") Duration deliveryTimeout) {
        return new RunPublisher(bootstrapServers, deliveryTimeout);
    }

    @Singleton
    @Bean(preDestroy = "close")
    KafkaBrokerCheck kafkaBrokerCheck(@Value("${taskmon.kafka.bootstrap-servers}") String bootstrapServers) {
        return new KafkaBrokerCheck(bootstrapServers);
    }
}
