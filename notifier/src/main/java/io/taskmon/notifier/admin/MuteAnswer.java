package io.taskmon.notifier.admin;

import io.taskmon.events.MonitorMute;
import java.time.Instant;
import java.util.UUID;

/** A monitor's mute as the API shows it. */
public record MuteAnswer(UUID monitorId, Instant until, Instant changedAt) {

    static MuteAnswer of(MonitorMute mute) {
        return new MuteAnswer(mute.monitorId(), mute.until(), mute.changedAt());
    }
}
