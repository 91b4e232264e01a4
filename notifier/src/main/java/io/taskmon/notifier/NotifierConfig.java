package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.MaintenanceWindow;
import io.taskmon.events.MonitorMute;
import io.taskmon.events.Route;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** The channels, routes, mutes and maintenance windows in force, as the delivery logic sees them. */
public interface NotifierConfig {

    Collection<Route> routes();

    Optional<Channel> channel(UUID channelId);

    Optional<MonitorMute> mute(UUID monitorId);

    Collection<MaintenanceWindow> maintenanceWindows();
}
