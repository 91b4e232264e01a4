package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import java.time.Instant;
import java.util.UUID;

/**
 * A made-up alert sent on one channel when someone asks to test it, so they see what a real one
 * looks like where they read it. Each test has a new alert id: receivers that drop repeats by
 * {@code webhook-id} or {@code dedup_key} must not drop the second test.
 */
public final class TestNotification {

    public static final String TASK_KEY = "taskmon_test_notification";

    private TestNotification() {
    }

    public static Delivery on(Channel channel, Instant now) {
        Alert alert = new Alert(Alert.SCHEMA_VERSION, UUID.randomUUID(), AlertType.FAILING, null, null, TASK_KEY,
                "taskmon test notification", "test", null, null, null, null, now, now,
                "A test notification asked for over the admin API", null, null, now,
                "This is a test notification on channel '" + channel.name() + "': it reached you, so alerts will.");
        return Delivery.owed(alert, channel, now);
    }
}
