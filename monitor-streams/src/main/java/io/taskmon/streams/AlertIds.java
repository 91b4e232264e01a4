package io.taskmon.streams;

import io.taskmon.events.AlertType;
import io.taskmon.events.NameBasedUuid;
import java.time.Instant;
import java.util.UUID;

/**
 * Alert ids as name-based UUIDs (version 5) of what raised the alert: the monitor or job, the
 * type, the start of the streak (or stall) and the reminder number. Replaying the same runs gives
 * the same ids, so consumers can drop an alert they have already handled.
 */
final class AlertIds {

    /** Fixed namespace of taskmon alert ids; changing it would change every id on a replay. */
    static final UUID NAMESPACE = UUID.fromString("6f1f9a4e-3c1b-5d7a-9a53-0e6c7b4f2d11");

    private AlertIds() {
    }

    static UUID of(UUID subject, AlertType type, Instant since, int number) {
        return NameBasedUuid.v5(NAMESPACE, subject + "\n" + type.wireName() + "\n" + since + "\n" + number);
    }
}
