package io.taskmon.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.EventJson;
import io.taskmon.web.RequestRejected;
import java.io.IOException;

/**
 * Request bytes read as JSON: a single report body, a batch array or one NDJSON line. What is
 * not JSON gets one sentence naming the part that is wrong.
 */
final class JsonBody {

    /** Strict about what follows the value: {@code {...}x} is not a report. */
    private static final ObjectReader JSON = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBody() {
    }

    /** The body of a single report, which must be one JSON object. */
    static ObjectNode readObject(byte[] body) {
        if (isBlank(body, 0, body == null ? 0 : body.length)) {
            throw RequestRejected.badRequest("The request body is empty; send the report as a JSON object");
        }
        JsonNode tree = readJson(body, 0, body.length, "The request body");
        if (!(tree instanceof ObjectNode object)) {
            throw RequestRejected.badRequest("The request body must be a JSON object");
        }
        return object;
    }

    /** One JSON value spanning exactly {@code bytes[offset, offset+length)}; {@code what} names it in errors. */
    static JsonNode readJson(byte[] bytes, int offset, int length, String what) {
        try {
            return JSON.readTree(bytes, offset, length);
        } catch (JacksonException e) {
            throw RequestRejected.badRequest(what + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RequestRejected.badRequest(what + " could not be read as JSON");
        }
    }

    static boolean isBlank(byte[] bytes, int offset, int length) {
        if (bytes == null) {
            return true;
        }
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
