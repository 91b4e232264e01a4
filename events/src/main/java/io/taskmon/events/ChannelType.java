package io.taskmon.events;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How a channel delivers; written in lower case on the wire ({@code "email"}). */
public enum ChannelType implements WireName {
    /** An e-mail over SMTP to a list of addresses. */
    EMAIL,
    /** A JSON POST signed per the Standard Webhooks specification. */
    WEBHOOK,
    /** A Slack incoming-webhook message. */
    SLACK,
    /** A Microsoft Teams incoming-webhook message carrying an Adaptive Card. */
    TEAMS,
    /** A PagerDuty Events API v2 event: trigger, and resolve on recovery. */
    PAGERDUTY;

    @JsonCreator
    public static ChannelType fromWireName(String name) {
        return WireName.find(ChannelType.class, name);
    }
}
