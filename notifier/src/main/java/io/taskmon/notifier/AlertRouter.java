package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.Route;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** Which channels an alert goes to: the union of the channels of every route that takes it. */
public final class AlertRouter {

    private AlertRouter() {
    }

    public static Set<UUID> channelsFor(Alert alert, Collection<Route> routes) {
        Set<UUID> channels = new LinkedHashSet<>();
        for (Route route : routes) {
            if (route.match().matches(alert)) {
                channels.addAll(route.channels());
            }
        }
        return channels;
    }
}
