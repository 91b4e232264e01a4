package io.taskmon.notifier.admin;

import io.taskmon.events.Route;
import io.taskmon.events.RouteMatch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A route as the API shows it, with {@code id} as channels have. */
public record RouteAnswer(UUID id, String name, RouteMatch match, List<UUID> channels, Instant changedAt) {

    static RouteAnswer of(Route route) {
        return new RouteAnswer(route.routeId(), route.name(), route.match(), route.channels(), route.changedAt());
    }
}
