package io.taskmon.notifier.admin;

import io.taskmon.events.Route;
import io.taskmon.events.RouteMatch;
import io.taskmon.web.RequestRejected;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Reads the body of {@code POST} and {@code PUT /api/routes}: one 400 sentence for the first bad field. */
final class RouteRequest {

    static final String EXAMPLE = "{\"name\": \"nightly\", \"match\": {\"task_key_glob\": \"nightly_*\"},"
            + " \"channels\": [\"<channel id>\"]}";
    static final int MAX_LIST = 50;
    /** Alert types are matched as text, so a route can name types that producers add later. */
    private static final Pattern ALERT_TYPE = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");
    private static final Pattern KIND = Pattern.compile("^[a-z][a-z0-9_-]{0,31}$");

    private RouteRequest() {
    }

    static Route read(byte[] body, UUID routeId, Predicate<UUID> channelExists, Instant now) {
        JsonObjectBody json = JsonObjectBody.parse(body, EXAMPLE);
        String name = json.requiredText("name", ChannelRequest.MAX_NAME);
        return new Route(routeId, name, match(json), channels(json, channelExists), now);
    }

    /** The {@code match} object of a route or a maintenance window; absent takes every alert. */
    static RouteMatch match(JsonObjectBody json) {
        JsonObjectBody match = json.object("match");
        List<String> alertTypes = matching(match, "alert_types", ALERT_TYPE,
                "an alert type in capitals such as FAILING or RECOVERED");
        List<String> kinds = matching(match, "kinds", KIND, "a kind such as bat or python");
        String glob = match.optionalText("task_key_glob", 128);
        if (glob != null && glob.isEmpty()) {
            throw RequestRejected.badRequest("match.task_key_glob must not be empty; leave it out to take every task");
        }
        String machine = match.optionalText("machine", 200);
        return new RouteMatch(alertTypes, kinds, glob, machine);
    }

    private static List<String> matching(JsonObjectBody match, String field, Pattern pattern, String what) {
        List<String> values = match.texts(field, MAX_LIST);
        for (int i = 0; i < values.size(); i++) {
            if (!pattern.matcher(values.get(i)).matches()) {
                throw RequestRejected.badRequest(match.name(field) + "[" + i + "] must be " + what + ", got '"
                        + values.get(i) + "'");
            }
        }
        return values;
    }

    private static List<UUID> channels(JsonObjectBody json, Predicate<UUID> channelExists) {
        List<String> ids = json.texts("channels", MAX_LIST);
        if (ids.isEmpty()) {
            throw RequestRejected.badRequest("channels is required and must list 1 to " + MAX_LIST + " channel ids");
        }
        List<UUID> channels = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            UUID id;
            try {
                id = UUID.fromString(ids.get(i));
            } catch (IllegalArgumentException e) {
                throw RequestRejected.badRequest("channels[" + i + "] must be a channel id (a UUID), got '"
                        + ids.get(i) + "'");
            }
            if (!channelExists.test(id)) {
                throw RequestRejected.badRequest("channels[" + i + "] names no channel: " + id);
            }
            channels.add(id);
        }
        return List.copyOf(new LinkedHashSet<>(channels));
    }
}
