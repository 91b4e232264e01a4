package io.taskmon.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Which alerts go to which channels: every alert the match takes goes to each of the channels. */
public record Route(UUID routeId, String name, RouteMatch match, List<UUID> channels, Instant changedAt) {

    public Route {
        match = match == null ? RouteMatch.EVERY_ALERT : match;
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
