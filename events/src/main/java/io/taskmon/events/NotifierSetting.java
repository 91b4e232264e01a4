package io.taskmon.events;

import java.util.UUID;

/**
 * One channel, route, monitor mute or maintenance window: the value of
 * {@link Topics#NOTIFIER_CONFIG}, a compacted topic keyed by one of the {@code keyOf} methods, so
 * the topic holds the latest version of each. A deletion is a tombstone (a null value) under the
 * same key. Exactly one of the fields after the schema version is set.
 */
public record NotifierSetting(int schemaVersion, Channel channel, Route route, MonitorMute mute,
                              MaintenanceWindow maintenanceWindow) {

    public static final int SCHEMA_VERSION = 1;

    public static NotifierSetting of(Channel channel) {
        return new NotifierSetting(SCHEMA_VERSION, channel, null, null, null);
    }

    public static NotifierSetting of(Route route) {
        return new NotifierSetting(SCHEMA_VERSION, null, route, null, null);
    }

    public static NotifierSetting of(MonitorMute mute) {
        return new NotifierSetting(SCHEMA_VERSION, null, null, mute, null);
    }

    public static NotifierSetting of(MaintenanceWindow window) {
        return new NotifierSetting(SCHEMA_VERSION, null, null, null, window);
    }

    public static String keyOf(Channel channel) {
        return channelKey(channel.channelId());
    }

    public static String keyOf(Route route) {
        return routeKey(route.routeId());
    }

    public static String keyOf(MonitorMute mute) {
        return muteKey(mute.monitorId());
    }

    public static String keyOf(MaintenanceWindow window) {
        return windowKey(window.windowId());
    }

    public static String channelKey(UUID channelId) {
        return "channel:" + channelId;
    }

    public static String routeKey(UUID routeId) {
        return "route:" + routeId;
    }

    /** A monitor has at most one mute: setting another replaces it. */
    public static String muteKey(UUID monitorId) {
        return "mute:" + monitorId;
    }

    public static String windowKey(UUID windowId) {
        return "window:" + windowId;
    }
}
