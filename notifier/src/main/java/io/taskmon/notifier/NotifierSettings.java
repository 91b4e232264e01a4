package io.taskmon.notifier;

import io.taskmon.config.Settings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Everything the notifier is told, with the environment variable that sets each part. Where Kafka
 * is comes from the caller ({@link #withBootstrapServers}): standalone passes its own broker.
 *
 * @param bootstrapServers KAFKA_BOOTSTRAP_SERVERS
 * @param consumerGroup    the consumer group reading alerts: where the notifier stands in them
 * @param smtp             the mail server e-mail channels use (TASKMON_SMTP_*)
 * @param retry            TASKMON_NOTIFY_RETRY_*: backoff and how long a delivery is retried
 * @param attemptTimeout   TASKMON_NOTIFY_TIMEOUT: how long one attempt may take (connect, send, answer)
 * @param dashboardUrl     TASKMON_DASHBOARD_URL: where people open the dashboard, for links to a monitor's page
 * @param kafkaClient      Kafka client properties passed through from TASKMON_KAFKA_*
 */
public record NotifierSettings(
        String bootstrapServers,
        String consumerGroup,
        SmtpSettings smtp,
        RetryPolicy retry,
        Duration attemptTimeout,
        String dashboardUrl,
        Map<String, String> kafkaClient) {

    public static final String DEFAULT_CONSUMER_GROUP = "taskmon-notifier";
    /** Long enough for a slow mail server's greeting, short enough that a dead one does not hold its channel for long. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** The dashboard of ./taskmon up on its default port, as seen from the machine it runs on. */
    public static final String DEFAULT_DASHBOARD_URL = "http://localhost:8080";
    static final Set<String> RESERVED_KAFKA_NAMES = Set.of("TASKMON_KAFKA_PORT");

    public NotifierSettings {
        kafkaClient = Map.copyOf(kafkaClient);
    }

    /** Every setting; a bad value is a {@link io.taskmon.config.SettingsException} naming the variable. */
    public static NotifierSettings read(Settings settings) {
        SmtpSettings smtp = new SmtpSettings(
                settings.optionalText("TASKMON_SMTP_HOST").orElse(null),
                settings.port("TASKMON_SMTP_PORT", SmtpSettings.DEFAULT_PORT),
                settings.optionalText("TASKMON_SMTP_USERNAME").orElse(null),
                settings.secret("TASKMON_SMTP_PASSWORD").orElse(null),
                settings.text("TASKMON_SMTP_FROM", SmtpSettings.DEFAULT_FROM),
                settings.flag("TASKMON_SMTP_STARTTLS", true));
        RetryPolicy retry = new RetryPolicy(
                settings.duration("TASKMON_NOTIFY_RETRY_FIRST", RetryPolicy.DEFAULT.firstDelay()),
                settings.duration("TASKMON_NOTIFY_RETRY_MAX", RetryPolicy.DEFAULT.maxDelay()),
                settings.duration("TASKMON_NOTIFY_RETRY_FOR", RetryPolicy.DEFAULT.retryFor()));
        return new NotifierSettings(
                settings.optionalText("KAFKA_BOOTSTRAP_SERVERS").orElse(null),
                DEFAULT_CONSUMER_GROUP,
                smtp,
                retry,
                settings.duration("TASKMON_NOTIFY_TIMEOUT", DEFAULT_ATTEMPT_TIMEOUT),
                settings.text("TASKMON_DASHBOARD_URL", DEFAULT_DASHBOARD_URL),
                settings.kafkaClientProperties(RESERVED_KAFKA_NAMES));
    }

    public NotifierSettings withBootstrapServers(String servers) {
        return new NotifierSettings(servers, consumerGroup, smtp, retry, attemptTimeout, dashboardUrl, kafkaClient);
    }

    public NotifierSettings withConsumerGroup(String group) {
        return new NotifierSettings(bootstrapServers, group, smtp, retry, attemptTimeout, dashboardUrl, kafkaClient);
    }

    public NotifierSettings withSmtp(SmtpSettings mail) {
        return new NotifierSettings(bootstrapServers, consumerGroup, mail, retry, attemptTimeout, dashboardUrl, kafkaClient);
    }

    public NotifierSettings withRetry(RetryPolicy policy) {
        return new NotifierSettings(bootstrapServers, consumerGroup, smtp, policy, attemptTimeout, dashboardUrl, kafkaClient);
    }

    public NotifierSettings withDashboardUrl(String url) {
        return new NotifierSettings(bootstrapServers, consumerGroup, smtp, retry, attemptTimeout, url, kafkaClient);
    }

    public NotifierSettings withAttemptTimeout(Duration timeout) {
        return new NotifierSettings(bootstrapServers, consumerGroup, smtp, retry, timeout, dashboardUrl, kafkaClient);
    }
}
