package io.taskmon.gateway;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import java.time.Clock;

/**
 * The gateway's beans, built from its one settings record. They are created when the
 * application starts ({@link Context}), not on the first request: a missing key stops the start,
 * and the first report does not pay for creating the producer. The gateway comes up only where
 * it has settings: the dashboard's tests carry the gateway jar but not its settings.
 */
@Requires(beans = GatewaySettings.class)
@Factory
public class GatewayFactory {

    @Context
    IngestKeys ingestKeys(GatewaySettings settings) {
        return new IngestKeys(settings.ingestKeys());
    }

    @Context
    RateLimiter rateLimiter(IngestKeys keys, GatewaySettings settings) {
        return new RateLimiter(keys.size(), settings.reportsPerSecond(), settings.burst(), System::nanoTime);
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
    RunPublisher runPublisher(GatewaySettings settings) {
        return new RunPublisher(settings.bootstrapServers(), settings.deliveryTimeout(), settings.linger(),
                settings.kafkaClient());
    }

    @Context
    @Bean(preDestroy = "close")
    ClockTicker clockTicker(GatewaySettings settings) {
        return new ClockTicker(settings.bootstrapServers(), settings.kafkaClient(), Clock.systemUTC()).start();
    }

    @Context
    @Bean(preDestroy = "close")
    KafkaBrokerCheck kafkaBrokerCheck(GatewaySettings settings) {
        return new KafkaBrokerCheck(settings.bootstrapServers(), settings.kafkaClient());
    }
}
