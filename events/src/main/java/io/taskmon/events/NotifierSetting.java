package io.taskmon.events;

import java.util.UUID;

/**
 * One channel or one route: the value of {@link Topics#NOTIFIER_CONFIG}, a compacted topic keyed
 * by {@link #keyOf(Channel)} or {@link #keyOf(Route)}, so the topic holds the latest version of
 * each. A deletion is a tombstone (a null value) under the same key. Exactly one of the two
 * fields is set.
 */
public record NotifierSetting(int schemaVersion, Channel channel, Route route) {

    public static final int SCHEMA_VERSION = 1;

    public static NotifierSetting of(Channel channel) {
        return new NotifierSetting(SCHEMA_VERSION, channel, null);
    }

    public static NotifierSetting of(Route route) {
        return new NotifierSetting(SCHEMA_VERSION, null, route);
    }

    public static String keyOf(Channel channel) {
        return channelKey(channel.channelId());
    }

    public static String keyOf(Route route) {
        return routeKey(route.routeId());
    }

    public static String channelKey(UUID channelId) {
        return "channel:" + channelId;
    }

    public static String routeKey(UUID routeId) {
        return "route:" + routeId;
    }
}
