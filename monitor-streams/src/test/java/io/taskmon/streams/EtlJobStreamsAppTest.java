package io.taskmon.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import io.taskmon.events.Alert;
import io.taskmon.events.AlertType;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.EtlJobStatus;
import io.taskmon.events.EtlProgress;
import io.taskmon.events.EtlTotals;
import io.taskmon.events.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ETL job rules on the real broker, with progress events sent as a worker sends them, live. */
class EtlJobStreamsAppTest {

    private static final Duration STALL = Duration.ofSeconds(3);

    private final UUID job = UUID.randomUUID();
    private final ScheduledExecutorService heartbeatThread = Executors.newSingleThreadScheduledExecutor();
    private KafkaProducer<UUID, EtlProgress> producer;
    private CommittedReader<UUID, Alert> alerts;
    private CommittedReader<UUID, EtlJobStatus> jobs;
    private MonitorStreamsApp app;

    @BeforeEach
    void start() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.ETL_PROGRESS.keySerde().serializer(),
                Topics.ETL_PROGRESS.valueSerde().serializer());
        alerts = new CommittedReader<>(Topics.ALERTS);
        jobs = new CommittedReader<>(Topics.ETL_JOBS);
        MonitorRules rules = MonitorRules.defaults().withEtlStallTimeout(STALL)
                .withPunctuationInterval(Duration.ofMillis(500));
        String applicationId = "etl-jobs-" + UUID.randomUUID();
        app = new MonitorStreamsApp(new MonitorStreamsApp.Settings(SharedInfrastructure.kafkaBootstrapServers(),
                applicationId, Path.of("target", "streams-it", applicationId), null).withRules(rules));
        app.start();
    }

    @AfterEach
    void stop() {
        heartbeatThread.shutdownNow();
        app.close();
        producer.close();
        alerts.close();
        jobs.close();
    }

    private void send(EtlProgress event) {
        producer.send(new ProducerRecord<>(Topics.ETL_PROGRESS.name(), event.jobRunId(), event));
        producer.flush();
    }

    private EtlProgress batch(long number, long rowsFailed) {
        EtlTotals totals = new EtlTotals(number * 100, number * (100 - rowsFailed), number * rowsFailed, 0, number);
        return new EtlProgress.BatchCompleted(1, job, Instant.now(), number, 100, 100 - rowsFailed, rowsFailed, 0, 20,
                totals, null, List.of(), 0);
    }

    private List<Alert> alertsOfTheJob(Map<TopicPartition, Long> from) {
        return alerts.read(from, job::equals).stream().map(ConsumerRecord::value).toList();
    }

    @Test
    void shouldStallAJobWhoseRowsStopWhileItsHeartbeatThreadGoesOnAndRecoverItWhenABatchLands() {
        Map<TopicPartition, Long> alertsBefore = alerts.endOffsets();
        Map<TopicPartition, Long> jobsBefore = jobs.endOffsets();
        // The stall punctuation runs on the wall clock: events sent while the app still starts
        // would be seen late and stall at once.
        await().atMost(Duration.ofSeconds(60)).until(() -> app.isRunning() && app.activeTaskCount() > 0);
        send(new EtlProgress.JobStarted(1, job, Instant.now(), "tax-registration", "tax.csv", "full", 0, null, 100,
                "ETL-01"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(jobs.read(jobsBefore, job::equals)).isNotEmpty());
        send(batch(1, 0));
        // The worker hangs in batch 2 while its heartbeat thread reports the same 100 rows.
        heartbeatThread.scheduleAtFixedRate(() -> send(new EtlProgress.Heartbeat(1, job, Instant.now(), 2, 100, null)),
                0, 300, TimeUnit.MILLISECONDS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(alertsOfTheJob(alertsBefore)).extracting(Alert::type).containsExactly(AlertType.ETL_STALLED));
        Alert stalled = alertsOfTheJob(alertsBefore).get(0);
        assertThat(stalled.summary()).contains("is stalled: no progress since", "though it still reported at");
        List<EtlJobStatus> sinceStall = jobs.read(jobsBefore, job::equals).stream().map(ConsumerRecord::value)
                .dropWhile(s -> s.status() != EtlJobState.STALLED).toList();
        assertThat(sinceStall).extracting(EtlJobStatus::status, EtlJobStatus::openAlertId)
                .containsOnly(tuple(EtlJobState.STALLED, stalled.alertId()));
        // Heartbeats go on for more than another stall timeout: no RECOVERED and no second stall.
        Instant beatsUntil = stalled.raisedAt().plus(STALL).plusSeconds(1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(jobs.read(jobsBefore, job::equals)).last()
                        .satisfies(r -> assertThat(r.value().lastEventAt()).isAfter(beatsUntil)));
        assertThat(alertsOfTheJob(alertsBefore)).extracting(Alert::type).containsExactly(AlertType.ETL_STALLED);

        // The worker comes back: batch 2 lands and the run ends.
        heartbeatThread.shutdownNow();
        send(batch(2, 0));
        send(new EtlProgress.JobFinished(1, job, Instant.now(), EtlJobState.SUCCESS, 2, new EtlTotals(200, 200, 0, 0, 2),
                1000, null));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                assertThat(jobs.read(jobsBefore, job::equals)).last()
                        .satisfies(r -> assertThat(r.value().status()).isEqualTo(EtlJobState.SUCCESS)));
        assertThat(alertsOfTheJob(alertsBefore)).extracting(Alert::type, Alert::resolvesAlertId)
                .containsExactly(tuple(AlertType.ETL_STALLED, null), tuple(AlertType.RECOVERED, stalled.alertId()));
    }
}
