package io.taskmon.etl.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.time.Instant;
import java.util.UUID;

/**
 * The job's structured log: one JSON object a line with the time, level, event name, message,
 * job_run_id and batch, so log collectors can filter and count without parsing prose.
 *
 * <p>Written with Jackson's streaming generator, not an object mapper: the first line is written
 * while the run starts, and the mapper's classes would take a tenth of a second to load there.
 */
public final class JsonLog {

    private static final JsonFactory JSON = new JsonFactory();

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
        StringWriter text = new StringWriter(256);
        String json;
        try (JsonGenerator line = JSON.createGenerator(text)) {
            line.writeStartObject();
            line.writeStringField("timestamp", Instant.now().toString());
            line.writeStringField("level", level);
            line.writeStringField("logger", "taskmon.etl");
            line.writeStringField("event", event);
            line.writeStringField("message", message);
            UUID id = jobRunId;
            if (id != null) {
                line.writeStringField("job_run_id", id.toString());
            }
            for (int i = 0; i + 1 < fields.length; i += 2) {
                line.writeFieldName(String.valueOf(fields[i]));
                writeValue(line, fields[i + 1]);
            }
            line.writeEndObject();
            line.flush();
            json = text.toString();
        } catch (IOException e) {
            json = "{\"level\":\"ERROR\",\"event\":\"log_failed\",\"message\":\"cannot write a log line\"}";
        }
        synchronized (out) {
            out.println(json);
            out.flush();
        }
    }

    private static void writeValue(JsonGenerator line, Object value) throws IOException {
        if (value == null) {
            line.writeNull();
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            line.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            line.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean flag) {
            line.writeBoolean(flag);
        } else {
            line.writeString(value.toString());
        }
    }
}
