package io.taskmon.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulesBenchmarkTest {

    /**
     * The benchmark at 1,000 monitors on a real embedded broker, through the real monitor-streams
     * topology: every silent monitor is missed exactly once, at its deadline, and no monitor that
     * reported on time is. Only the counts are checked, never a time.
     */
    @Test
    void aSmallRunFindsEverySilentMonitorAndNoOther(@TempDir Path dir) throws Exception {
        SchedulesSettings settings = SchedulesSettings.read(Map.of(
                "taskmon.bench.schedules.monitors", "1000",
                "taskmon.bench.schedules.idle-seconds", "2")::get);

        String line = new SchedulesBenchmark(settings).run(dir).line();

        Map<String, String> result = Arrays.stream(line.split(" ")).skip(1)
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        long silent = IntStream.range(0, 1000).filter(ScheduleMix::isSilent).count();
        assertThat(result).containsEntry("name", "schedules").containsEntry("monitors", "1000");
        // The default two hours of schedule hold the first deadline of every silent monitor.
        assertThat(result.get("missed_expected")).isEqualTo(Long.toString(silent));
        assertThat(result.get("missed_raised")).isEqualTo(result.get("missed_expected"));
        assertThat(result).containsEntry("false_missed", "0").containsEntry("other_alerts", "0");
        // Every MISSED was matched to the tick that passed its deadline.
        assertThat(Long.parseLong(result.get("missed_delay_p99_ms"))).isNotNegative();
        assertThat(result).containsKeys("idle_cpu_pct", "idle_cpu_pct_no_schedules");
    }

    @Test
    void oneInAHundredMonitorsIsSilentAndTheirKindsRotate() {
        assertThat(IntStream.range(0, 100_000).filter(ScheduleMix::isSilent).count()).isEqualTo(1_000);
        assertThat(IntStream.range(0, 100_000).filter(ScheduleMix::isSilent).map(m -> m % ScheduleMix.KINDS)
                .distinct().count()).isEqualTo(ScheduleMix.KINDS);
    }

    @Test
    void defaultsAreTheFullSize() {
        SchedulesSettings settings = SchedulesSettings.read(name -> null);

        assertThat(settings.monitors()).isEqualTo(100_000);
        assertThat(settings.minutes()).isEqualTo(120);
        assertThat(settings.idleSeconds()).isEqualTo(45);
    }

    @Test
    void aBadSettingIsOneSentenceNamingIt() {
        assertThatThrownBy(() -> SchedulesSettings.read(Map.of("taskmon.bench.schedules.monitors", "lots")::get))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TASKMON_BENCH_SCHEDULES_MONITORS (taskmon.bench.schedules.monitors) must be a whole number"
                        + " from 100 to 1000000, got 'lots'");
        assertThatThrownBy(() -> SchedulesSettings.read(Map.of("taskmon.bench.schedules.monitors", "-5")::get))
                .hasMessageEndingWith("must be a whole number from 100 to 1000000, got '-5'");
        assertThatThrownBy(() -> SchedulesSettings.read(Map.of("taskmon.bench.schedules.idle-seconds", "59")::get))
                .hasMessage("TASKMON_BENCH_SCHEDULES_IDLE_SECONDS (taskmon.bench.schedules.idle-seconds) must be a"
                        + " whole number from 1 to 58, got '59'");
        assertThatThrownBy(() -> SchedulesSettings.read(Map.of("taskmon.bench.schedules.minutes", "0")::get))
                .hasMessageStartingWith("TASKMON_BENCH_SCHEDULES_MINUTES");
        assertThatThrownBy(() -> SchedulesSettings.read(Map.of("taskmon.bench.schedules.partitions", "2.5")::get))
                .hasMessageEndingWith("got '2.5'");
    }
}
