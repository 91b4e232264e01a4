package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.ChannelType;
import java.time.Clock;
import java.util.Map;

/**
 * Sends a {@link TestNotification} on a channel at once and says what came of it. A test is not
 * an alert's delivery: it is tried once, not retried or recorded, and its outcome is the answer.
 */
public final class ChannelTester {

    private final Map<ChannelType, ChannelSender> senders;
    private final Clock clock;

    public ChannelTester(Map<ChannelType, ChannelSender> senders, Clock clock) {
        this.senders = Map.copyOf(senders);
        this.clock = clock;
    }

    public Outcome test(Channel channel) {
        ChannelSender sender = senders.get(channel.type());
        if (sender == null) {
            return Outcome.notSent("this notifier cannot deliver on " + channel.type().wireName() + " channels");
        }
        return sender.send(channel, TestNotification.on(channel, clock.instant()));
    }
}
