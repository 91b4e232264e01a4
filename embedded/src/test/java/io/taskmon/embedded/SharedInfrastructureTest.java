package io.taskmon.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.taskmon.config.PostgresEndpoint;
import io.taskmon.events.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void createsEveryTopicWithItsCleanupPolicy() throws Exception {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers());
        try (Admin admin = Admin.create(config)) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(names).contains(Topics.TASK_RUNS.name(), Topics.MONITOR_STATUS.name());

            List<ConfigResource> resources = List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.TASK_RUNS.name()),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.MONITOR_STATUS.name()));
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, String> policies = configs.entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().name(), e -> e.getValue().get(TopicConfig.CLEANUP_POLICY_CONFIG).value()));
            assertThat(policies).isEqualTo(Map.of(
                    Topics.TASK_RUNS.name(), "delete",
                    Topics.MONITOR_STATUS.name(), "compact"));
            assertThat(configs.get(resources.get(0)).get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(TopicProvisioner.LONG_RETENTION_MS));
            assertThat(admin.describeTopics(List.of(Topics.TASK_RUNS.name())).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.TASK_RUNS.name()).partitions())
                    .hasSize(SharedInfrastructure.TEST_PARTITIONS);
        }
    }

    @Test
    void provisioningTwiceLeavesExistingTopicsAlone() {
        String bootstrap = SharedInfrastructure.kafkaBootstrapServers();
        TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, 1);
        TopicProvisioner.ensureTopics(bootstrap, Topics.ALL, 1);
    }

    @Test
    void servesARealPostgres() throws Exception {
        try (HikariDataSource dataSource = ConnectionPools.open(SharedInfrastructure.postgres(), "test", 2)) {
            assertThat(queryString(dataSource, "select current_setting('server_version_num')")).startsWith("17");
            assertThat(SharedInfrastructure.postgres()).isSameAs(SharedInfrastructure.postgres());
        }
    }

    @Test
    void handsOutEmptySeparateDatabases() throws Exception {
        PostgresEndpoint first = SharedInfrastructure.freshDatabase("Fresh-Test");
        PostgresEndpoint second = SharedInfrastructure.freshDatabase("Fresh-Test");
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (HikariDataSource dataSource = ConnectionPools.open(first, "fresh", 1)) {
            assertThat(queryString(dataSource, "select current_database()")).startsWith("fresh_test_");
            assertThat(queryString(dataSource,
                    "select count(*) from information_schema.tables where table_schema = 'public'")).isEqualTo("0");
        }
    }

    static String queryString(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
