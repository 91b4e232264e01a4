package io.taskmon.notifier;

import io.taskmon.events.Alert;
import io.taskmon.events.ChannelType;
import io.taskmon.events.Delivery;
import io.taskmon.events.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier service: reads alerts, records the deliveries they make on
 * {@link Topics#NOTIFICATIONS}, and runs those deliveries on their channels' lanes.
 *
 * <p>An alert's offset is committed only after Kafka has the owed records of its deliveries, and
 * a restart first reads the notifications topic: so a delivery is never lost between the alert
 * and its first attempt, and a finished one is never made again. What can repeat is one attempt
 * cut off by a crash after the receiver took it and before its outcome was recorded; receivers
 * drop that by the delivery id ({@code webhook-id}, the mail's Message-ID).
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Kafka may be slow to come up with the rest of taskmon; the ledger must be read whole before anything is sent. */
    private static final Duration STARTUP_READ_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(30);

    private final NotifierSettings settings;
    private final String instanceId;
    private final Clock clock;
    private final Thread loop;
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile KafkaConsumer<UUID, Alert> consumer;
    private volatile NotifierConfigView config;
    private DeliveryRecorder recorder;
    private DeliveryLanes lanes;
    private NotifierService service;

    public Notifier(NotifierSettings settings) {
        this(settings, null);
    }

    /**
     * @param instanceId this process's static member name in the alerts' consumer group (null:
     *                   a dynamic member). A static member that restarts after a crash takes its
     *                   partitions back at once; a dynamic one waits until the group has timed
     *                   out its previous self (the session timeout, 45 s by default).
     */
    public Notifier(NotifierSettings settings, String instanceId) {
        this.instanceId = instanceId;
        this.settings = settings;
        this.clock = Clock.systemUTC();
        this.loop = new Thread(this::run, "notifier");
    }

    /** Starts in the background; {@link #isRunning()} says when alerts are being read. */
    public void start() {
        loop.start();
    }

    /** True once the configuration and the ledger are read and the alerts' partitions are assigned. */
    public boolean isRunning() {
        return ready && running && loop.isAlive();
    }

    /** The channels and routes this notifier routes by; null until started. */
    NotifierConfigView configView() {
        return config;
    }

    private void run() {
        try {
            startParts();
            try (KafkaConsumer<UUID, Alert> alerts = alertConsumer()) {
                consumer = alerts;
                alerts.subscribe(List.of(Topics.ALERTS.name()), new PositionsFixedOnAssignment(alerts));
                while (running) {
                    poll(alerts);
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("The notifier stopped", e);
        } finally {
            ready = false;
        }
    }

    private void startParts() throws InterruptedException {
        config = new NotifierConfigView(settings.bootstrapServers(), settings.kafkaClient());
        if (!config.awaitCaughtUp(STARTUP_READ_TIMEOUT)) {
            throw new IllegalStateException("could not read the channels and routes from "
                    + Topics.NOTIFIER_CONFIG.name() + " within " + STARTUP_READ_TIMEOUT.toSeconds() + " s");
        }
        DeliveryLedger ledger = DeliveryLedger.rebuild(settings.bootstrapServers(), settings.kafkaClient(),
                STARTUP_READ_TIMEOUT);
        recorder = new DeliveryRecorder(settings.bootstrapServers(), settings.kafkaClient());
        Map<ChannelType, ChannelSender> senders = ChannelSenders.of(settings, clock);
        service = new NotifierService(config, ledger, senders, settings.retry(), clock, new Random());
        lanes = new DeliveryLanes(this::attempt, clock);
        List<Delivery> owed = ledger.owed();
        if (!owed.isEmpty()) {
            LOG.info("Resuming {} owed deliveries of {} recorded", owed.size(), ledger.size());
        }
        owed.forEach(lanes::schedule);
    }

    private KafkaConsumer<UUID, Alert> alertConsumer() {
        var props = KafkaClients.consumer(settings.bootstrapServers(), settings.kafkaClient());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
        if (instanceId != null) {
            props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        // A new notifier tells about alerts from now on, not about every alert the topic still holds.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(props, Topics.ALERTS.keySerde().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    private void poll(KafkaConsumer<UUID, Alert> alerts) throws InterruptedException {
        ConsumerRecords<UUID, Alert> records;
        try {
            records = alerts.poll(Duration.ofMillis(500));
        } catch (RecordDeserializationException e) {
            LOG.warn("Skipping unreadable alert at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
            alerts.seek(e.topicPartition(), e.offset() + 1);
            return;
        }
        if (records.isEmpty()) {
            return;
        }
        List<Delivery> made = new ArrayList<>();
        for (ConsumerRecord<UUID, Alert> record : records) {
            if (record.value() != null) {
                made.addAll(service.owe(record.value()));
            }
        }
        if (!recordAll(made)) {
            // Not committed: the same alerts are read again and make the same deliveries.
            service.unmake(made);
            rewind(alerts, records);
            TimeUnit.SECONDS.sleep(1);
            return;
        }
        alerts.commitSync(nextOffsets(records));
        made.forEach(lanes::schedule);
    }

    private boolean recordAll(Collection<Delivery> deliveries) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        deliveries.forEach(d -> sent.add(recorder.record(d)));
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(RECORD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            return true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Kafka did not take {} owed deliveries; reading their alerts again: {}", deliveries.size(),
                    e.toString());
            return false;
        }
    }

    /** One attempt on a channel's lane, then its outcome recorded and, if not final, the next attempt planned. */
    private void attempt(Delivery delivery) {
        NotifierService.Attempt attempt = service.attempt(delivery);
        if (lanes.isClosed()) {
            // Cut off by the stop: the outcome is unknown, so the delivery stays owed for the next start.
            return;
        }
        Delivery next = attempt.next();
        if (attempt.retryAfter() != null) {
            lanes.pause(next.channelId(), clock.instant().plus(attempt.retryAfter()));
        }
        // Not waited for: the lane goes on to the channel's next delivery while Kafka takes this
        // step (a delivery's steps share a key, so they stay in order). Waiting would cap a
        // channel at one delivery per acknowledgement; a crash before Kafka has the step may
        // repeat the attempt after a restart either way, which receivers drop by webhook-id.
        recorder.record(next, (metadata, error) -> {
            if (error != null) {
                LOG.warn("Kafka did not take step {} of delivery {}; a restart may repeat that attempt: {}",
                        next.state().wireName(), next.deliveryId(), error.toString());
            }
        });
        switch (next.state()) {
            case DELIVERED -> LOG.debug("Delivered alert {} on channel {}", next.alertId(), next.channelId());
            case FAILED -> LOG.warn("Gave up delivering alert {} on channel {} after {} attempts: {}",
                    next.alertId(), next.channelId(), next.attempts(), next.lastError());
            default -> lanes.schedule(next);
        }
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<UUID, Alert> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<UUID, Alert>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private static void rewind(KafkaConsumer<UUID, Alert> alerts, ConsumerRecords<UUID, Alert> records) {
        for (TopicPartition partition : records.partitions()) {
            alerts.seek(partition, records.records(partition).get(0).offset());
        }
    }

    /**
     * Fixes and commits the starting offset of each newly assigned partition at once, so alerts
     * raised after the notifier is up are told even if it stops before reading them.
     */
    private final class PositionsFixedOnAssignment implements ConsumerRebalanceListener {
        private final KafkaConsumer<UUID, Alert> alerts;

        PositionsFixedOnAssignment(KafkaConsumer<UUID, Alert> alerts) {
            this.alerts = alerts;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
            for (TopicPartition partition : partitions) {
                positions.put(partition, new OffsetAndMetadata(alerts.position(partition)));
            }
            if (!positions.isEmpty()) {
                alerts.commitSync(positions);
            }
            ready = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<UUID, Alert> alerts = consumer;
        if (alerts != null) {
            alerts.wakeup();
        }
        try {
            loop.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lanes != null) {
            lanes.close();
        }
        if (recorder != null) {
            recorder.close();
        }
        if (config != null) {
            config.close();
        }
    }
}
