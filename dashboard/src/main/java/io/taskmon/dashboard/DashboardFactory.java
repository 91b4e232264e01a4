package io.taskmon.dashboard;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.taskmon.events.AccessKeys;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The dashboard's beans, built from typed settings with documented defaults. The database pool
 * is created when the application starts ({@link Context}): a wrong URL or password stops the
 * start instead of failing the first page.
 */
@Requires(property = DashboardSettings.DATABASE_URL_PROPERTY)
@Factory
public class DashboardFactory {

    @Context
    DashboardSettings dashboardSettings(
            @Value("${" + DashboardSettings.DATABASE_URL_PROPERTY + "}") String url,
            @Value("${taskmon.dashboard.db.user:taskmon_reader}") String user,
            @Value("${taskmon.dashboard.db.password:}") String password,
            @Value("${taskmon.dashboard.db.pool-size:4}") int poolSize,
            @Value("${taskmon.viewer-keys:}") List<String> viewerKeys,
            @Value("${taskmon.admin-keys:}") List<String> adminKeys,
            @Value("${taskmon.ingest.keys:}") List<String> ingestKeys,
            @Value("${taskmon.dashboard.remote-without-key:false}") boolean remoteWithoutViewerKey,
            @Nullable @Value("${taskmon.kafka.bootstrap-servers:}") String bootstrapServers,
            @Value("${taskmon.dashboard.delivery-timeout:5s}") Duration deliveryTimeout) {
        return new DashboardSettings(new DashboardSettings.Database(url, user, password, poolSize),
                viewerKeys, adminKeys, ingestKeys, remoteWithoutViewerKey, bootstrapServers, deliveryTimeout);
    }

    @Context
    @Bean(preDestroy = "close")
    ReaderDatabase readerDatabase(DashboardSettings settings) {
        return new ReaderDatabase(settings.database());
    }

    @Singleton
    DashboardAccess dashboardAccess(DashboardSettings settings) {
        return new DashboardAccess(new AccessKeys(settings.viewerKeys()), new AccessKeys(settings.adminKeys()),
                new AccessKeys(settings.ingestKeys()), settings.remoteWithoutViewerKey());
    }

    @Singleton
    MonitorReader monitorReader(ReaderDatabase database) {
        return new MonitorReader(database.jdbi(), Clock.systemUTC());
    }

    @Singleton
    AlertReader alertReader(ReaderDatabase database) {
        return new AlertReader(database.jdbi());
    }

    @Singleton
    EtlReader etlReader(ReaderDatabase database) {
        return new EtlReader(database.jdbi());
    }

    @Singleton
    @Bean(preDestroy = "close")
    SettingPublisher settingPublisher(DashboardSettings settings) {
        return new SettingPublisher(settings.kafkaBootstrapServers(), settings.deliveryTimeout());
    }

    @Singleton
    MonitorSettings monitorSettings(MonitorReader reader, SettingPublisher publisher) {
        return new MonitorSettings(reader, publisher, Clock.systemUTC());
    }
}
