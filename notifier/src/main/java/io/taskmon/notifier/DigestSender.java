package io.taskmon.notifier;

import io.taskmon.events.Channel;

/**
 * A sender that can tell several alerts in one message. Channel types whose sender is not one
 * (PagerDuty: each alert is its own incident by its dedup_key) are never grouped.
 * Implementations never throw: a failure is an {@link Outcome} for every delivery of the digest.
 */
public interface DigestSender {

    Outcome sendDigest(Channel channel, Digest digest);
}
