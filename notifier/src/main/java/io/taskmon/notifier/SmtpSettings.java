package io.taskmon.notifier;

/**
 * How e-mail channels reach the mail server.
 *
 * @param host     TASKMON_SMTP_HOST; null means e-mail channels cannot deliver (each attempt fails
 *                 and is retried, so mail waits until a host is configured and taskmon restarted)
 * @param port     TASKMON_SMTP_PORT
 * @param username TASKMON_SMTP_USERNAME; null sends without logging in
 * @param password TASKMON_SMTP_PASSWORD
 * @param from     TASKMON_SMTP_FROM: the sender address
 * @param startTls TASKMON_SMTP_STARTTLS: require STARTTLS before logging in and sending
 */
public record SmtpSettings(String host, int port, String username, String password, String from,
                           boolean startTls) {

    public static final int DEFAULT_PORT = 587;
    public static final String DEFAULT_FROM = "taskmon@localhost";
}
