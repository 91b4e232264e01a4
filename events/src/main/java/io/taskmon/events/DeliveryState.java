package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where one delivery of an alert on a channel stands; {@link #isFinal()} says which are final. */
public enum DeliveryState implements WireName {
    /** The alert is owed to the channel; no attempt has been made yet. */
    OWED,
    /** An attempt failed; another is due at {@code next_attempt_at}. */
    RETRYING,
    /** The channel took the alert. */
    DELIVERED,
    /** Attempts failed for the whole retry period; nothing more is tried. */
    FAILED,
    /**
     * The alert's monitor is muted (snoozed, or in a maintenance window): nothing is sent until
     * {@code next_attempt_at}, when the delivery is owed again if the alert is still open.
     */
    HELD,
    /** Not sent, for the reason recorded: it recovered while held, or a monitor it depends on is down. */
    SUPPRESSED;

    @JsonCreator
    public static DeliveryState fromWireName(String name) {
        return WireName.find(DeliveryState.class, name);
    }

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == SUPPRESSED;
    }
}
