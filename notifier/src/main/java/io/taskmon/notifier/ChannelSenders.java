package io.taskmon.notifier;

import io.taskmon.events.ChannelType;
import java.time.Clock;
import java.util.Map;

/** The sender of every channel type, made from the notifier's settings. */
public final class ChannelSenders {

    private ChannelSenders() {
    }

    public static Map<ChannelType, ChannelSender> of(NotifierSettings settings, Clock clock) {
        return Map.of(
                ChannelType.EMAIL, new EmailSender(settings.smtp(), settings.attemptTimeout()),
                ChannelType.WEBHOOK, new WebhookSender(settings.attemptTimeout(), clock),
                ChannelType.SLACK, new SlackSender(settings.attemptTimeout(), clock, settings.dashboardUrl()),
                ChannelType.TEAMS, new TeamsSender(settings.attemptTimeout(), clock, settings.dashboardUrl()),
                ChannelType.PAGERDUTY, new PagerDutySender(settings.attemptTimeout(), clock, settings.dashboardUrl()));
    }
}
