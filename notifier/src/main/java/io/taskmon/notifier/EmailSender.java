package io.taskmon.notifier;

import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;

/**
 * E-mail channels over SMTP. One message per delivery with a plain-text and an HTML part; the
 * subject is set as UTF-8, which Jakarta Mail writes as RFC 2047 encoded words, so task names in
 * Japanese or Chinese show as written in every common mail client. The Message-ID is made from
 * the delivery id, so a repeat after a crash mid-send is recognisably the same message.
 */
public final class EmailSender implements ChannelSender, DigestSender {

    private final SmtpSettings smtp;
    private final Session session;

    public EmailSender(SmtpSettings smtp, Duration timeout) {
        this.smtp = smtp;
        Properties props = new Properties();
        if (smtp.host() != null) {
            props.put("mail.smtp.host", smtp.host());
        }
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        String millis = String.valueOf(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        props.put("mail.smtp.auth", String.valueOf(smtp.username() != null));
        // Required, not just enabled: a server that stops offering STARTTLS must not get the password in clear.
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        props.put("mail.mime.charset", StandardCharsets.UTF_8.name());
        this.session = Session.getInstance(props);
    }

    @Override
    public Outcome send(Channel channel, Delivery delivery) {
        AlertMessage content = AlertMessage.of(delivery.alert());
        return send(channel, delivery.deliveryId().toString(), content.subject(), content.text(), content.html());
    }

    /** One message listing the alerts; its Message-ID is made from the digest id. */
    @Override
    public Outcome sendDigest(Channel channel, Digest digest) {
        DigestMessage content = DigestMessage.of(digest);
        return send(channel, digest.digestId().toString(), content.subject(), content.text(), content.html());
    }

    private Outcome send(Channel channel, String id, String subject, String text, String html) {
        if (smtp.host() == null) {
            return Outcome.notSent("no mail server is configured (TASKMON_SMTP_HOST)");
        }
        try {
            MimeMessage message = message(channel, id, subject, text, html);
            if (smtp.username() != null) {
                Transport.send(message, smtp.username(), smtp.password());
            } else {
                Transport.send(message);
            }
            return Outcome.sent();
        } catch (MessagingException e) {
            String error = "the mail server refused or could not be reached: " + oneLine(e);
            return timedOut(e) ? Outcome.timedOut(error) : Outcome.notSent(error);
        }
    }

    MimeMessage message(Channel channel, Delivery delivery) throws MessagingException {
        AlertMessage content = AlertMessage.of(delivery.alert());
        return message(channel, delivery.deliveryId().toString(), content.subject(), content.text(), content.html());
    }

    private MimeMessage message(Channel channel, String id, String subject, String textPart, String htmlPart)
            throws MessagingException {
        MimeMessage message = new DeliveryMessage(session, "<" + id + "@taskmon>");
        message.setFrom(new InternetAddress(smtp.from()));
        for (String to : channel.to()) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setHeader("X-Taskmon-Delivery-Id", id);
        MimeBodyPart text = new MimeBodyPart();
        text.setText(textPart, StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(htmlPart, StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setSentDate(new java.util.Date());
        return message;
    }

    private static boolean timedOut(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String oneLine(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    /** A message whose Message-ID is ours: Jakarta Mail would otherwise make a new one each time. */
    private static final class DeliveryMessage extends MimeMessage {
        private final String messageId;

        DeliveryMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
