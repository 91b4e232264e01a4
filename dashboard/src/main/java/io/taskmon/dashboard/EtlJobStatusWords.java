package io.taskmon.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.taskmon.events.EventJson;
import java.util.List;
import java.util.Map;

/**
 * The ETL job status as the API speaks it. A finished, successful run is {@code success}, the
 * word of the run contract; the ETL progress events and the read model still store it as
 * {@code succeeded}, so the word is translated here, at the edge, both ways. The old spelling is
 * still taken as a filter value so that saved links keep working.
 */
final class EtlJobStatusWords {

    static final String SUCCESS = "success";
    static final String STORED_SUCCESS = "succeeded";
    static final List<String> STATUSES = List.of("running", "stalled", SUCCESS, "failed");
    /** Old spellings the status filter still takes, and the word each stands for. */
    static final Map<String, String> OLD_SPELLINGS = Map.of(STORED_SUCCESS, SUCCESS);

    private EtlJobStatusWords() {
    }

    /** The stored value a filter value asks for; null stays null. */
    static String stored(String status) {
        return SUCCESS.equals(status) ? STORED_SUCCESS : status;
    }

    /** The answer as JSON, with every job's stored status in the API's word. */
    static JsonNode spoken(Object answer) {
        JsonNode tree = EventJson.mapper().valueToTree(answer);
        tree.path("jobs").forEach(EtlJobStatusWords::speak);
        speak(tree.path("job"));
        return tree;
    }

    private static void speak(JsonNode job) {
        if (job instanceof ObjectNode object && STORED_SUCCESS.equals(object.path("status").asText(null))) {
            object.put("status", SUCCESS);
        }
    }
}
