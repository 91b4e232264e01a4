package io.taskmon.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.Channel;
import io.taskmon.events.Delivery;
import io.taskmon.events.DeliveryState;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** E-mail deliveries through a real SMTP server (GreenMail) in the test JVM. */
class EmailDeliveryTest {

    private static GreenMail mailServer;
    private static TestAlerts topics;
    private static Notifier notifier;

    @BeforeAll
    static void start() {
        mailServer = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        topics = new TestAlerts();
        NotifierSettings settings = TestAlerts.notifierSettings(topics.bootstrap, "email-test-" + UUID.randomUUID())
                .withSmtp(new SmtpSettings("127.0.0.1", mailServer.getSmtp().getPort(), null, null,
                        "taskmon@example.com", false));
        notifier = new Notifier(settings);
        notifier.start();
        await().atMost(Duration.ofSeconds(60)).until(notifier::isRunning);
    }

    @AfterAll
    static void stop() {
        notifier.close();
        topics.close();
        mailServer.stop();
    }

    private static MimeMessage awaitMail(String messageId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> Arrays.stream(mailServer.getReceivedMessages())
                .filter(m -> messageId.equals(header(m, "Message-ID"))).findFirst().orElse(null), m -> m != null);
    }

    private static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldMailTheAlertWithAnEncodedUtf8SubjectAndTextAndHtmlParts() throws Exception {
        String prefix = "em_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        Channel mail = topics.email("ops-mail", List.of("ops@example.com", "oncall@example.com"));
        var route = topics.route(prefix, mail);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent());

        Alert alert = topics.failing(prefix + "nightly_import", "ナイトリー取込");

        UUID deliveryId = Delivery.idOf(alert.alertId(), mail.channelId());
        MimeMessage message = awaitMail("<" + deliveryId + "@taskmon>");
        String rawSubject = header(message, "Subject");
        assertThat(rawSubject).startsWith("=?UTF-8?").doesNotContain("ナイトリー");
        String subject = "[taskmon] FAILING: ナイトリー取込 (" + prefix + "nightly_import on WEB-01)";
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo(subject);
        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(message.getFrom()[0].toString()).isEqualTo("taskmon@example.com");
        assertThat(Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString))
                .containsExactly("ops@example.com", "oncall@example.com");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).containsIgnoringCase("text/plain").containsIgnoringCase("utf-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Task: ナイトリー取込", "Failures in a row: 3",
                "Last message: 取込失敗: 接続タイムアウト");
        assertThat(parts.getBodyPart(1).getContentType()).containsIgnoringCase("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<td>ナイトリー取込</td>");
        await().atMost(Duration.ofSeconds(10)).until(() -> DeliverySteps.states(topics.bootstrap, deliveryId),
                states -> states.equals(List.of(DeliveryState.OWED, DeliveryState.DELIVERED)));
    }

    @Test
    void shouldShowAChineseTaskNameInTheSubjectOfARecoveredMail() throws Exception {
        String prefix = "emzh_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        Channel mail = topics.email("zh-mail", List.of("ops-zh@example.com"));
        var route = topics.route(prefix, mail);
        await().atMost(Duration.ofSeconds(10)).until(() -> notifier.configView().route(route.routeId()).isPresent());

        Alert alert = topics.alert(AlertType.RECOVERED, prefix + "tax_import", "營業稅籍資料匯入", UUID.randomUUID());

        MimeMessage message = awaitMail("<" + Delivery.idOf(alert.alertId(), mail.channelId()) + "@taskmon>");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(header(message, "Subject"))))
                .isEqualTo("[taskmon] RECOVERED: 營業稅籍資料匯入 (" + prefix + "tax_import on WEB-01)");
    }
}
