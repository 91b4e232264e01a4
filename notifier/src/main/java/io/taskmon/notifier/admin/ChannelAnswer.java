package io.taskmon.notifier.admin;

import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A channel as the API shows it. A webhook's secret, a PagerDuty routing key and a URL's path and
 * query (where services such as Slack put their tokens) are never shown, only hints to recognise
 * them by.
 *
 * @param urlHint        scheme, host and port, with {@code /…} when there is more
 * @param secretHint     a webhook's {@code whsec_…} and the secret's last four characters
 * @param routingKeyHint a PagerDuty channel's {@code …} and the routing key's last four characters
 * @param groupSeconds   the digest window in force; null for the types that are never grouped
 */
public record ChannelAnswer(UUID id, String name, String type, List<String> to, String urlHint, String secretHint,
                            String routingKeyHint, Integer groupSeconds, Instant changedAt) {

    static ChannelAnswer of(Channel channel) {
        boolean pagerDuty = channel.type() == ChannelType.PAGERDUTY;
        return new ChannelAnswer(channel.channelId(), channel.name(), channel.type().wireName(), channel.to(),
                urlHint(channel.url()), pagerDuty ? null : secretHint(channel.secret()),
                pagerDuty ? routingKeyHint(channel.secret()) : null,
                ChannelRequest.GROUPED.contains(channel.type()) ? channel.groupSecondsInForce() : null,
                channel.changedAt());
    }

    static String routingKeyHint(String key) {
        return key == null ? null : "…" + key.substring(Math.max(key.length() - 4, 0));
    }

    static String urlHint(String url) {
        if (url == null) {
            return null;
        }
        URI uri = URI.create(url);
        String base = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        boolean more = (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawUserInfo() != null;
        return more ? base + "/…" : base + "/";
    }

    static String secretHint(String secret) {
        if (secret == null) {
            return null;
        }
        return "whsec_…" + secret.substring(Math.max(secret.length() - 4, "whsec_".length()));
    }
}
