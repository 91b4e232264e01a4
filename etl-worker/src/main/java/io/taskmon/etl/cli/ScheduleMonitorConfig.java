package io.taskmon.etl.cli;

import io.taskmon.etl.schedule.CronSchedule;
import io.taskmon.events.MonitorConfig;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The {@code monitor_config} that {@code --schedule}, {@code --timezone} and {@code --grace} give
 * each scheduled run's report, checked by the gateway's own rules ({@link MonitorConfig#problem()})
 * after the schedule's own check, so that a wrong value stops the command before anything runs.
 */
final class ScheduleMonitorConfig {

    private ScheduleMonitorConfig() {
    }

    /** @return null without {@code --schedule} */
    static MonitorConfig of(String schedule, String timezone, String grace) {
        if (schedule == null) {
            if (timezone != null || grace != null) {
                throw new UsageException("--timezone and --grace describe --schedule; give --schedule too");
            }
            return null;
        }
        CronSchedule.parse(schedule);
        // Without --timezone the schedule runs on the machine's clock, so that is the zone its
        // monitor must expect runs in.
        String zone = timezone != null ? timezone.trim() : ZoneId.systemDefault().getId();
        MonitorConfig config = new MonitorConfig(schedule.trim(), zone, null, seconds(grace), null, null, null, null);
        Optional<String> problem = config.problem();
        if (problem.isPresent()) {
            throw new UsageException(namingFlags(problem.get(), timezone == null));
        }
        return config;
    }

    private static Long seconds(String grace) {
        if (grace == null) {
            return null;
        }
        try {
            return Long.valueOf(grace.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--grace must be a whole number of seconds, got '" + grace + "'");
        }
    }

    private static String namingFlags(String sentence, boolean machineZone) {
        if (sentence.startsWith("monitor_config.timezone ")) {
            return machineZone
                    ? "the machine's time zone cannot name the schedule's monitor; give --timezone: " + sentence
                    : "--timezone (monitor_config.timezone) " + sentence.substring("monitor_config.timezone ".length());
        }
        if (sentence.startsWith("monitor_config.grace_seconds ")) {
            return "--grace (monitor_config.grace_seconds) "
                    + sentence.substring("monitor_config.grace_seconds ".length());
        }
        if (sentence.startsWith("monitor_config.cron ")) {
            return "--schedule (monitor_config.cron) " + sentence.substring("monitor_config.cron ".length());
        }
        return sentence;
    }
}
