package io.taskmon.dashboard;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.taskmon.events.AccessKeys;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The dashboard's beans, built from its one settings record. The database pool is created when
 * the application starts ({@link Context}): a wrong URL or password stops the start instead of
 * failing the first page. The dashboard comes up only where it has settings: the gateway alone
 * (a gateway replica, the ingest benchmark) carries the dashboard jar but not its settings.
 */
@Requires(beans = DashboardSettings.class)
@Factory
public class DashboardFactory {

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
    DeadLetterReader deadLetterReader(ReaderDatabase database) {
        return new DeadLetterReader(database.jdbi());
    }

    @Singleton
    EtlReader etlReader(ReaderDatabase database) {
        return new EtlReader(database.jdbi());
    }

    @Singleton
    @Bean(preDestroy = "close")
    SettingPublisher settingPublisher(DashboardSettings settings) {
        return new SettingPublisher(settings.kafkaBootstrapServers(), settings.deliveryTimeout(),
                settings.kafkaClient());
    }

    @Singleton
    MonitorSettings monitorSettings(MonitorReader reader, SettingPublisher publisher) {
        return new MonitorSettings(reader, publisher, Clock.systemUTC());
    }

    @Singleton
    SchedulePreview schedulePreview() {
        return new SchedulePreview(Clock.systemUTC());
    }

    @Singleton
    MonitorAdmin monitorAdmin(MonitorReader reader, SettingPublisher publisher) {
        return new MonitorAdmin(reader, publisher, Clock.systemUTC());
    }
}
