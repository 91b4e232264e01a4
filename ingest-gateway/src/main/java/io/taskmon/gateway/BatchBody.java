package io.taskmon.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.taskmon.web.RequestRejected;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/monitor/reports} split into its reports: a JSON array, or NDJSON
 * (one report per line; blank lines are skipped and not counted). An NDJSON line that is not
 * JSON sinks only itself; an array that is not JSON cannot be split, so it sinks the request.
 */
public final class BatchBody {

    /** More reports than this in one request is refused: the answer lists every one of them. */
    public static final int MAX_REPORTS = 1000;

    /** One report of the batch, read as JSON, or the sentence saying why it could not be. */
    public record Item(JsonNode json, String error) {
    }

    private BatchBody() {
    }

    public static List<Item> read(byte[] body, boolean ndjson) {
        if (JsonBody.isBlank(body, 0, body == null ? 0 : body.length)) {
            throw RequestRejected.badRequest("The request body is empty; send a JSON array of reports or NDJSON");
        }
        List<Item> items = ndjson ? lines(body) : array(body);
        if (items.isEmpty()) {
            throw RequestRejected.badRequest("The batch holds no report; send 1 to " + MAX_REPORTS);
        }
        return items;
    }

    private static List<Item> array(byte[] body) {
        JsonNode tree = JsonBody.readJson(body, 0, body.length, "The request body");
        if (!(tree instanceof ArrayNode array)) {
            throw RequestRejected.badRequest(
                    "The request body must be a JSON array of reports (or NDJSON with Content-Type application/x-ndjson)");
        }
        requireAtMostMax(array.size());
        List<Item> items = new ArrayList<>(array.size());
        array.forEach(node -> items.add(new Item(node, null)));
        return items;
    }

    private static List<Item> lines(byte[] body) {
        List<Item> items = new ArrayList<>();
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            if (!JsonBody.isBlank(body, start, end - start)) {
                requireAtMostMax(items.size() + 1);
                try {
                    items.add(new Item(JsonBody.readJson(body, start, end - start, "The line"), null));
                } catch (RequestRejected notJson) {
                    items.add(new Item(null, notJson.getMessage()));
                }
            }
            start = end + 1;
        }
        return items;
    }

    private static void requireAtMostMax(int count) {
        if (count > MAX_REPORTS) {
            throw RequestRejected.badRequest("A batch holds at most " + MAX_REPORTS + " reports; split it");
        }
    }
}
