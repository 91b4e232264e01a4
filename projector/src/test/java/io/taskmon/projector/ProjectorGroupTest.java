package io.taskmon.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.taskmon.embedded.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several instances in one consumer group share the partitions and write the same read model as
 * one instance alone; so does a rebuild, which replays the topics from the start.
 */
class ProjectorGroupTest {

    private static ReadModelDatabase single;
    private static ReadModelDatabase shared;

    @BeforeAll
    static void migrate() {
        single = new ReadModelDatabase("group_single");
        shared = new ReadModelDatabase("group_shared");
    }

    @AfterAll
    static void close() {
        single.close();
        shared.close();
    }

    @Test
    void shouldWriteTheSameReadModelWithThreeInstancesAsWithOneAndAgainAfterARebuild() throws Exception {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        String prefix = "group-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        try (Publisher publisher = new Publisher(bootstrap)) {
            StreamFixture.publish(publisher, prefix, 12, 8);
        }
        String singleGroup = "group-single-" + UUID.randomUUID();
        String sharedGroup = "group-shared-" + UUID.randomUUID();

        List<Projector> projectors = new ArrayList<>();
        try {
            projectors.add(new Projector(new Projector.Settings(bootstrap, singleGroup, null, 50), single.jdbi));
            for (int i = 0; i < 3; i++) {
                projectors.add(new Projector(new Projector.Settings(bootstrap, sharedGroup, null, 50), shared.jdbi));
            }
            projectors.forEach(Projector::start);
            awaitCaughtUp(bootstrap, single.jdbi, singleGroup);
            awaitCaughtUp(bootstrap, shared.jdbi, sharedGroup);
            await().atMost(Duration.ofSeconds(30)).until(() -> projectors.stream().allMatch(Projector::isRunning));

            var alone = ReadModelSnapshot.of(single);
            assertThat(single.count("select count(*) from taskmon.task_runs where task_key like '" + prefix + "%'"))
                    .isEqualTo(12 * 8);
            assertThat(single.count("select count(*) from taskmon.task_monitors where task_key like '" + prefix + "%'"))
                    .isEqualTo(12);
            assertThat(single.count("select count(*) from taskmon.alerts where resolved_at is not null and task_key like '"
                    + prefix + "%'")).isEqualTo(6);
            assertThat(ReadModelSnapshot.of(shared)).isEqualTo(alone);

            new ReadModelRebuild(shared.jdbi).reset();
            assertThat(shared.count("select count(*) from taskmon.task_runs")).isZero();
            awaitCaughtUp(bootstrap, shared.jdbi, sharedGroup);
            assertThat(ReadModelSnapshot.of(shared)).isEqualTo(alone);
        } finally {
            projectors.forEach(Projector::close);
        }
    }

    private static void awaitCaughtUp(String bootstrap, Jdbi jdbi, String group) {
        try (ProjectorLag lag = new ProjectorLag(bootstrap, jdbi, group)) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> lag.records() == 0);
        }
    }
}
