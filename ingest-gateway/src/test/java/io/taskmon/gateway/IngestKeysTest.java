package io.taskmon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestKeysTest {

    @Test
    void acceptsEveryConfiguredKeyAndNothingElse() {
        IngestKeys keys = new IngestKeys(List.of(" old-key ", "new-key", ""));
        assertThat(keys.accepts("old-key")).isTrue();
        assertThat(keys.accepts("new-key")).isTrue();
        assertThat(keys.accepts("new-key ")).isFalse();
        assertThat(keys.accepts("")).isFalse();
        assertThat(keys.accepts(null)).isFalse();
    }

    @Test
    void refusesToStartWithoutAKeyNamingTheSetting() {
        assertThatThrownBy(() -> new IngestKeys(List.of(" ", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TASKMON_INGEST_KEYS");
    }

    @Test
    void stopsTheGatewayStartWhenNoKeyIsConfigured() {
        assertThatThrownBy(() -> GatewayServer.start(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                "TASKMON_INGEST_KEYS", "")))
                .hasRootCauseInstanceOf(IllegalArgumentException.class)
                .rootCause().hasMessageContaining("TASKMON_INGEST_KEYS");
    }

    @Test
    void takesTheKeyFromABearerHeaderOrTheTcPortalHeader() {
        assertThat(IngestKeys.presentedKey("Bearer abc", null)).isEqualTo("abc");
        assertThat(IngestKeys.presentedKey("bearer  abc ", "other")).isEqualTo("abc");
        assertThat(IngestKeys.presentedKey(null, " tc ")).isEqualTo("tc");
        assertThat(IngestKeys.presentedKey("Basic abc", null)).isNull();
        assertThat(IngestKeys.presentedKey(null, null)).isNull();
    }
}
