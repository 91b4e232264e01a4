package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorMute;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether an alert's deliveries are held now: its monitor is snoozed, or a maintenance window
 * whose match takes the alert is open. When several apply, the hold lasts until the latest end.
 */
final class Muting {

    private Muting() {
    }

    /**
     * @param until  when the hold ends, as far as is known now (a mute may be changed or a window
     *               deleted before then, which is why the hold is checked again, not scheduled)
     * @param reason for people, on the held delivery
     */
    record Hold(Instant until, String reason) {
    }

    static Optional<Hold> holdFor(Alert alert, NotifierConfig config, Instant now) {
        Hold hold = null;
        if (alert.monitorId() != null) {
            Optional<MonitorMute> mute = config.mute(alert.monitorId());
            if (mute.isPresent() && mute.get().holds(alert.monitorId(), now)) {
                hold = new Hold(mute.get().until(), "the monitor is muted until " + mute.get().until());
            }
        }
        for (MaintenanceWindow window : config.maintenanceWindows()) {
            if (!window.match().matches(alert)) {
                continue;
            }
            Optional<Instant> until = window.openUntil(now);
            if (until.isPresent() && (hold == null || until.get().isAfter(hold.until()))) {
                hold = new Hold(until.get(), "maintenance window '" + window.name() + "' is open until "
                        + until.get());
            }
        }
        return Optional.ofNullable(hold);
    }
}
