package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where one delivery of an alert on a channel stands; the last two are final. */
public enum DeliveryState implements WireName {
    /** The alert is owed to the channel; no attempt has been made yet. */
    OWED,
    /** An attempt failed; another is due at {@code next_attempt_at}. */
    RETRYING,
    /** The channel took the alert. */
    DELIVERED,
    /** Attempts failed for the whole retry period; nothing more is tried. */
    FAILED;

    @JsonCreator
    public static DeliveryState fromWireName(String name) {
        return WireName.find(DeliveryState.class, name);
    }

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }
}
