package io.taskmon.etl.progress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The job's structured log: one JSON object a line with the time, level, event name, message,
 * job_run_id and batch, so log collectors can filter and count without parsing prose.
 */
public final class JsonLog {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PrintStream out;
    private volatile UUID jobRunId;

    public JsonLog(PrintStream out) {
        this.out = out;
    }

    public void jobRunId(UUID id) {
        this.jobRunId = id;
    }

    public void info(String event, String message, Object... fields) {
        write("INFO", event, message, fields);
    }

    public void warn(String event, String message, Object... fields) {
        write("WARN", event, message, fields);
    }

    public void error(String event, String message, Object... fields) {
        write("ERROR", event, message, fields);
    }

    /** @param fields name, value pairs added to the line (e.g. {@code "batch", 7}) */
    private void write(String level, String event, String message, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", "taskmon.etl");
        line.put("event", event);
        line.put("message", message);
        if (jobRunId != null) {
            line.put("job_run_id", jobRunId.toString());
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), fields[i + 1]);
        }
        String json;
        try {
            json = MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            json = "{\"level\":\"ERROR\",\"event\":\"log_failed\",\"message\":\"cannot write a log line\"}";
        }
        synchronized (out) {
            out.println(json);
            out.flush();
        }
    }
}
