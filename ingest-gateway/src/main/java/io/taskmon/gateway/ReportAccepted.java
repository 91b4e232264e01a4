package io.taskmon.gateway;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import java.util.UUID;

/** The answer to an accepted report: it is in Kafka, under this monitor and event id. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ReportAccepted(boolean ok, UUID monitorId, String taskKey, UUID eventId) {
}
