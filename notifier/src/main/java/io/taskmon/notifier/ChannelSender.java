package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;

/** Delivers an alert on one type of channel. Implementations never throw: a failure is an {@link Outcome}. */
public interface ChannelSender {

    Outcome send(Channel channel, Delivery delivery);
}
