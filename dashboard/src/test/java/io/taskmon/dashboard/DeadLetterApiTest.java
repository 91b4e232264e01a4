package io.taskmon.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/dead-letters} over real HTTP against the real read model schema. */
class DeadLetterApiTest {

    private static ReadModelSeed seed;
    private static DashboardServer dashboard;
    private static ApiClient client;
    private static long replayed;
    private static long waitingOld;
    private static long waitingNew;

    @BeforeAll
    static void seedAndStart() {
        seed = new ReadModelSeed("dead_letter_api");
        replayed = seed.deadLetter("taskmon.task-runs.v1", 0, 3, "monitor-streams", "not JSON", "{oops",
                Instant.parse("2026-11-01T01:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
        waitingOld = seed.deadLetter("taskmon.task-runs.v1", 1, 9, "monitor-streams", "status must be one of success,"
                + " failed or running", "{\"status\":\"done\"}", Instant.parse("2026-11-01T02:00:00Z"), null);
        waitingNew = seed.deadLetter("taskmon.alerts.v1", 2, 17, "projector", "the database refused it",
                "x".repeat(5000), Instant.parse("2026-11-01T03:00:00Z"), null);
        dashboard = new DashboardServer(seed, Map.of());
        client = dashboard.client;
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        seed.close();
    }

    @Test
    void shouldListDeadLettersNewestFirstWithTheWaitingCount() {
        ApiClient.Answer answer = client.get("/api/dead-letters");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("waiting").asLong()).isEqualTo(2);
        assertThat(body.get("latest_at").asText()).isEqualTo("2026-11-01T03:00:00Z");
        assertThat(body.get("dead_letters")).extracting(d -> d.get("id").asLong())
                .containsExactly(waitingNew, waitingOld, replayed);
        JsonNode middle = body.get("dead_letters").get(1);
        assertThat(middle.get("source_topic").asText()).isEqualTo("taskmon.task-runs.v1");
        assertThat(middle.get("source_partition").asInt()).isEqualTo(1);
        assertThat(middle.get("source_offset").asLong()).isEqualTo(9);
        assertThat(middle.get("consumer").asText()).isEqualTo("monitor-streams");
        assertThat(middle.get("reason").asText()).isEqualTo("status must be one of success, failed or running");
        assertThat(middle.get("raw_value").asText()).isEqualTo("{\"status\":\"done\"}");
        assertThat(middle.get("failed_at").asText()).isEqualTo("2026-11-01T02:00:00Z");
        assertThat(middle.has("replayed_at")).isFalse();
        assertThat(middle.has("raw_value_base64")).as("only a replay needs the bytes").isFalse();
        assertThat(body.get("dead_letters").get(2).get("replayed_at").asText()).isEqualTo("2026-11-02T00:00:00Z");
        assertThat(body.get("dead_letters").get(0).get("raw_value").asText()).as("clipped").hasSize(4000);
        assertThat(body.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void shouldListOnlyTheWaitingOnesAndPage() {
        JsonNode waiting = client.get("/api/dead-letters?state=waiting&limit=1").body();
        assertThat(waiting.get("dead_letters")).extracting(d -> d.get("id").asLong()).containsExactly(waitingNew);
        assertThat(waiting.get("has_more").asBoolean()).isTrue();
        JsonNode next = client.get("/api/dead-letters?state=waiting&limit=1&offset=1").body();
        assertThat(next.get("dead_letters")).extracting(d -> d.get("id").asLong()).containsExactly(waitingOld);
        assertThat(next.get("has_more").asBoolean()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=0|limit must be a whole number from 1 to 200, got '0'",
        "limit=-1|limit must be a whole number from 1 to 200, got '-1'",
        "limit=ten|limit must be a whole number from 1 to 200, got 'ten'",
        "limit=201|limit must be a whole number from 1 to 200, got '201'",
        "offset=-5|offset must be a whole number from 0 to 100000, got '-5'",
        "state=replayed|state must be one of all, waiting, got 'replayed'",
        "limit=1&limit=2|limit may be given only once",
        "id=3|Unknown parameter 'id': this endpoint takes state, limit, offset"})
    void shouldRefuseABadParameterWithOneSentenceNamingIt(String query, String sentence) {
        ApiClient.Answer answer = client.get("/api/dead-letters?" + query);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("error").asText()).isEqualTo(sentence);
    }
}
