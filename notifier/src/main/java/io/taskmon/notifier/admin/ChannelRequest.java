package io.taskmon.notifier.admin;

import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import io.taskmon.notifier.PagerDutySender;
import io.taskmon.notifier.WebhookSignature;
import io.taskmon.web.RequestRejected;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the body of {@code POST} and {@code PUT /api/channels}: one 400 sentence for the first bad field. */
final class ChannelRequest {

    static final String EXAMPLE = "{\"name\": \"ops-mail\", \"type\": \"email\", \"to\": [\"ops@example.com\"]}";
    static final int MAX_NAME = 100;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_URL = 2048;
    /** PagerDuty's integration keys are 32 letters and digits. */
    private static final Pattern ROUTING_KEY = Pattern.compile("^[A-Za-z0-9]{32}$");
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>,;\"]{1,64}@[^@\\s<>,;\"]{1,255}$");

    private ChannelRequest() {
    }

    /**
     * The channel the body describes. On a change ({@code previous} set, of the same type), a
     * URL, secret or routing key may be left out to keep it: the API never shows them, so a
     * client renaming a channel could not send them back.
     */
    static Channel read(byte[] body, UUID channelId, Channel previous, Instant now) {
        JsonObjectBody json = JsonObjectBody.parse(body, EXAMPLE);
        String name = json.requiredText("name", MAX_NAME);
        String typeName = json.optionalText("type", 20);
        ChannelType type = typeName == null ? null : ChannelType.fromWireName(typeName.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw RequestRejected.badRequest("type is required and must be one of email, webhook, slack, teams or pagerduty");
        }
        boolean keepsOld = previous != null && previous.type() == type;
        return switch (type) {
            case EMAIL -> new Channel(channelId, name, type, recipients(json), null, null, now);
            case WEBHOOK -> {
                String url = json.has("url") || !keepsOld ? url(json, "a webhook") : previous.url();
                String secret = json.has("secret") || !keepsOld ? secret(json) : previous.secret();
                yield new Channel(channelId, name, type, null, url, secret, now);
            }
            case SLACK -> {
                String url = json.has("url") || !keepsOld ? url(json, "a slack") : previous.url();
                yield new Channel(channelId, name, type, null, url, null, now);
            }
            case TEAMS -> {
                String url = json.has("url") || !keepsOld ? url(json, "a teams") : previous.url();
                yield new Channel(channelId, name, type, null, url, null, now);
            }
            case PAGERDUTY -> {
                String url = json.has("url") ? url(json, "a pagerduty")
                        : keepsOld ? previous.url() : PagerDutySender.EVENTS_URL;
                String key = json.has("routing_key") || !keepsOld ? routingKey(json) : previous.secret();
                yield new Channel(channelId, name, type, null, url, key, now);
            }
        };
    }

    private static List<String> recipients(JsonObjectBody json) {
        List<String> to = json.texts("to", MAX_RECIPIENTS);
        if (to.isEmpty()) {
            throw RequestRejected.badRequest("to is required for an email channel and must list 1 to "
                    + MAX_RECIPIENTS + " addresses");
        }
        for (int i = 0; i < to.size(); i++) {
            if (!ADDRESS.matcher(to.get(i)).matches()) {
                throw RequestRejected.badRequest("to[" + i + "] must be an e-mail address like ops@example.com, got '"
                        + to.get(i) + "'");
            }
        }
        return to;
    }

    private static String routingKey(JsonObjectBody json) {
        String key = json.optionalText("routing_key", 100);
        if (key == null || !ROUTING_KEY.matcher(key).matches()) {
            throw RequestRejected.badRequest("routing_key is required for a pagerduty channel and must be the 32"
                    + " letters and digits of the service's Events API v2 integration key");
        }
        return key;
    }

    private static String url(JsonObjectBody json, String channel) {
        String url = json.optionalText("url", MAX_URL);
        String sentence = "url is required for " + channel + " channel and must be an http or https URL of at most "
                + MAX_URL + " characters";
        if (url == null) {
            throw RequestRejected.badRequest(sentence);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw RequestRejected.badRequest(sentence);
            }
        } catch (URISyntaxException e) {
            throw RequestRejected.badRequest(sentence);
        }
        return url;
    }

    private static String secret(JsonObjectBody json) {
        String secret = json.optionalText("secret", 200);
        String sentence = "secret is required for a webhook channel and must be whsec_ followed by the base64"
                + " of 24 to 64 random bytes";
        if (secret == null) {
            throw RequestRejected.badRequest(sentence);
        }
        try {
            int length = WebhookSignature.key(secret).length;
            if (length < 24 || length > 64) {
                throw RequestRejected.badRequest(sentence);
            }
        } catch (IllegalArgumentException e) {
            throw RequestRejected.badRequest(sentence);
        }
        return secret;
    }
}
