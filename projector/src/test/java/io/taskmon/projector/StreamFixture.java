package io.taskmon.projector;

import static io.taskmon.events.MonitorHealth.FAILING;
import static io.taskmon.events.MonitorHealth.UP;

import io.taskmon.events.Alert;
import io.taskmon.events.EtlJobState;
import io.taskmon.events.MonitorStatus;
import io.taskmon.events.RowRejection;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import io.taskmon.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A small but complete stream on every projected topic, as the producers would write it. */
final class StreamFixture {

    private StreamFixture() {
    }

    /** Publishes the stream; returns how many run events it holds. */
    static int publish(Publisher publisher, String prefix, int monitors, int runsPerMonitor) {
        List<Map.Entry<UUID, TaskRunReported>> runs = new ArrayList<>();
        List<Map.Entry<UUID, MonitorStatus>> statuses = new ArrayList<>();
        for (int m = 0; m < monitors; m++) {
            String taskKey = prefix + m;
            for (int r = 0; r < runsPerMonitor; r++) {
                String at = "2026-11-07T%02d:%02d:00Z".formatted(r % 24, m % 60);
                RunStatus status = (m + r) % 3 == 0 ? RunStatus.FAILED : RunStatus.SUCCESS;
                String runId = r % 4 == 0 ? "run-" + r : null;
                if (runId != null) {
                    TaskRunReported start = Events.run(taskKey, runId, RunStatus.RUNNING, at);
                    runs.add(Map.entry(start.monitorId(), start));
                }
                TaskRunReported run = Events.run(taskKey, runId, status, at);
                runs.add(Map.entry(run.monitorId(), run));
                statuses.add(Map.entry(run.monitorId(), Events.status(run, status == RunStatus.FAILED ? 1 : 0, r + 1)));
            }
            TaskRunReported last = runs.get(runs.size() - 1).getValue();
            publisher.send(Topics.MONITOR_FLIPS, last.monitorId(), Events.flip(last.monitorId(), UP, FAILING, "2026-11-07T05:00:00Z"));
            Alert failing = Events.failing(last, "2026-11-07T05:00:00Z");
            publisher.send(Topics.ALERTS, last.monitorId(), failing);
            if (m % 2 == 0) {
                publisher.send(Topics.ALERTS, last.monitorId(), Events.recovered(failing, "2026-11-07T06:00:00Z"));
            }
            publisher.send(Topics.MONITOR_STATS, last.monitorId(), Events.stats(last.monitorId(), "2026-11-07T05:00:00Z", m, 1));
        }
        publisher.sendAll(Topics.TASK_RUNS, runs);
        publisher.sendAll(Topics.MONITOR_STATUS, statuses);
        UUID job = UUID.randomUUID();
        publisher.send(Topics.ETL_JOBS, job, Events.etlJob(job, EtlJobState.RUNNING, 1, "2026-11-07T07:00:00Z"));
        publisher.send(Topics.ETL_PROGRESS, job, Events.batchCompleted(job, 1, "2026-11-07T07:00:00Z",
                new RowRejection(3, "BAD_NUMBER", "capital is not a number", "12345678,abc")));
        publisher.send(Topics.ETL_PROGRESS, job, Events.batchFailed(job, 2, "2026-11-07T07:01:00Z"));
        publisher.send(Topics.ETL_JOBS, job, Events.etlJob(job, EtlJobState.FAILED, 2, "2026-11-07T07:02:00Z"));
        return runs.size();
    }
}
