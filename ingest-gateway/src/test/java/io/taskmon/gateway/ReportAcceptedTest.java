package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.ObjectMapper;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The single-report answer written by hand is the document the framework's encoder makes. */
class ReportAcceptedTest {

    private static JsonNode tree(byte[] json) throws IOException {
        return EventJson.mapper().readTree(json);
    }

    @Test
    void writesTheSameDocumentAsTheFrameworkEncoder() throws IOException {
        ReportAccepted accepted = new ReportAccepted(true, UUID.randomUUID(), "daily_sync.v2:eu-1", UUID.randomUUID());

        byte[] byHand = accepted.toJson();

        assertThat(tree(byHand)).isEqualTo(tree(ObjectMapper.getDefault().writeValueAsBytes(accepted)));
        assertThat(tree(byHand).get("monitor_id").asText()).isEqualTo(accepted.monitorId().toString());
    }

    @Test
    void escapesWhatJsonRequiresAndKeepsNullsAsTheEncoderDoes() throws IOException {
        // The parser lets no such task key through; the answer must still be valid JSON if one came.
        ReportAccepted odd = new ReportAccepted(false, null, "quote\" back\\ 日本 \n", null);

        JsonNode byHand = tree(odd.toJson());

        assertThat(byHand.get("task_key").asText()).isEqualTo("quote\" back\\ 日本 \n");
        assertThat(byHand.get("ok").asBoolean()).isFalse();
        assertThat(byHand.get("monitor_id").isNull()).isTrue();
        assertThat(byHand.get("event_id").isNull()).isTrue();
    }
}
