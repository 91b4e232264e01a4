package io.taskmon.streams;

import io.taskmon.events.MonitorId;
import io.taskmon.events.RunStatus;
import io.taskmon.events.TaskRunReported;
import java.time.Instant;
import java.util.UUID;

/** Run reports for tests, as the gateway would publish them. */
final class Runs {

    private Runs() {
    }

    static TaskRunReported run(String taskKey, RunStatus status, String finishedAt) {
        return run(taskKey, "", status, finishedAt, UUID.randomUUID());
    }

    static TaskRunReported run(String taskKey, String machine, RunStatus status, String at, UUID eventId) {
        Instant time = Instant.parse(at);
        boolean finished = status.isFinished();
        Integer exitCode = finished ? Integer.valueOf(status == RunStatus.FAILED ? 1 : 0) : null;
        return new TaskRunReported(
                TaskRunReported.SCHEMA_VERSION, eventId, eventId.toString(),
                MonitorId.of(taskKey, "shell", machine), taskKey, "Task " + taskKey, "shell", machine, status,
                finished ? time.minusSeconds(5) : time, finished ? time : null, finished ? 5000L : null,
                exitCode,
                status == RunStatus.FAILED ? "boom" : null, null, time.plusSeconds(1),
                null, null, null, null, null, null, null);
    }
}
