package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.runtime.server.EmbeddedServer;
import io.taskmon.embedded.SharedInfrastructure;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void refillsEachKeysBucketAtTheConfiguredRateUpToTheBurst() {
        AtomicLong now = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(2, 100, 1000, now::get);

        assertThat(limiter.acquire(0, 1000).allowed()).isTrue();
        RateLimiter.Verdict empty = limiter.acquire(0, 1);
        assertThat(empty.allowed()).isFalse();
        assertThat(empty.retryAfterSeconds()).isEqualTo(1);
        assertThat(limiter.acquire(1, 1000).allowed()).as("the other key has its own bucket").isTrue();

        now.addAndGet(500_000_000L); // half a second: 50 tokens
        assertThat(limiter.acquire(0, 50).allowed()).isTrue();
        assertThat(limiter.acquire(0, 1).allowed()).isFalse();
        RateLimiter.Verdict bigBatch = limiter.acquire(0, 1000);
        assertThat(bigBatch.retryAfterSeconds()).isEqualTo(10);

        now.addAndGet(3_600_000_000_000L); // an hour: full again, never more than the burst
        assertThat(limiter.acquire(0, 1000).allowed()).isTrue();
        assertThat(limiter.acquire(0, 1).allowed()).isFalse();
    }

    @Test
    void refusesSettingsThatCouldNeverPassAFullBatch() {
        assertThatThrownBy(() -> new RateLimiter(1, 0, 1000, System::nanoTime))
                .hasMessageContaining("TASKMON_INGEST_RATE_LIMIT");
        assertThatThrownBy(() -> new RateLimiter(1, 10, 999, System::nanoTime))
                .hasMessage("TASKMON_INGEST_BURST must be at least 1000 (the largest batch), got 999");
    }

    @Test
    void shouldAnswer429WithRetryAfterOnceAKeyHasSpentItsBudgetAndLeaveOtherKeysAlone() {
        try (EmbeddedServer server = GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", SharedInfrastructure.kafkaBootstrapServers(),
                "TASKMON_INGEST_KEYS", "busy,quiet",
                "TASKMON_INGEST_RATE_LIMIT", "0.01",
                "TASKMON_INGEST_BURST", "1000"))) {
            GatewayClient client = new GatewayClient(server.getURI());
            StringBuilder invalid = new StringBuilder();
            for (int i = 0; i < 999; i++) {
                invalid.append("{}\n");
            }
            // Every report of a batch takes a token, valid or not.
            long spendingStarted = System.nanoTime();
            assertThat(client.batch("application/x-ndjson", invalid.toString(), "busy").status()).isEqualTo(400);
            String report = "{\"task_key\":\"limited\",\"task_name\":\"n\",\"kind\":\"shell\",\"status\":\"success\"}";
            assertThat(client.report(report, "busy").status()).isEqualTo(200);

            GatewayClient.Answer limited = client.report(report, "busy");
            long elapsedSeconds = (System.nanoTime() - spendingStarted) / 1_000_000_000L;
            assertThat(limited.status()).isEqualTo(429);
            // One token takes 100 s at 0.01/s; each whole second since the budget was spent earns a
            // hundredth of it back, so on a slow machine the wait can be a second or two shorter.
            int retryAfter = Integer.parseInt(limited.raw().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween((int) (100 - elapsedSeconds - 1), 100);
            assertThat(limited.error()).isEqualTo("Too many reports for this key; retry after " + retryAfter + " s");
            GatewayClient.Answer limitedBatch = client.batch("application/json", "[" + report + "]", "busy");
            assertThat(limitedBatch.status()).isEqualTo(429);

            assertThat(client.report(report, "quiet").status()).isEqualTo(200);
            assertThat(client.report(report, "wrong").status()).as("the key is checked before the limit").isEqualTo(401);
        }
    }

    @Test
    void stopsTheGatewayStartOnAnUnusableLimit() {
        assertThatThrownBy(() -> GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                "TASKMON_INGEST_KEYS", "k",
                "TASKMON_INGEST_BURST", "10")))
                .hasMessage("TASKMON_INGEST_BURST must be at least 1000 (the largest batch), got 10");
    }
}
