package io.taskmon.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void shouldReturnCleanTextItselfWithoutACopy() {
        String clean = "日本語 😀 tab\t bell\u0007 " + "x".repeat(100);
        assertThat(StorableText.of(clean)).isSameAs(clean);
        assertThat(StorableText.of(null)).isNull();
    }

    @Test
    void shouldReplaceNulAndLoneSurrogatesOneCharacterForOne() {
        assertThat(StorableText.of("bad \ud800 name")).isEqualTo("bad \uFFFD name");
        assertThat(StorableText.of("m \udfff")).isEqualTo("m \uFFFD");
        assertThat(StorableText.of("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.of("\udfff\ud83d\ude00\ud800")).isEqualTo("\uFFFD😀\uFFFD");
        assertThat(StorableText.of("\ud800\ud800\ude00")).isEqualTo("\uFFFD\ud800\ude00");
    }

    @Test
    void shouldMakeEveryTextOfARunStorableAndNameTheMonitorByItsStoredIdentity() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("county\u0000", "Tai\ud800pei");
        TaskRunReported run = new TaskRunReported(TaskRunReported.SCHEMA_VERSION, UUID.randomUUID(), "run\u0000",
                MonitorId.of("k", "shell", "pc\udc00"), "k", "bad \ud800 name", "shell", "pc\udc00",
                RunStatus.SUCCESS, null, null, null, null, "m \udfff", "log\u0000", Instant.EPOCH, null, null,
                null, null, "ext\ud800", labels, null);

        assertThat(run.taskName()).isEqualTo("bad \uFFFD name");
        assertThat(run.message()).isEqualTo("m \uFFFD");
        assertThat(run.runId()).isEqualTo("run\uFFFD");
        assertThat(run.logUrl()).isEqualTo("log\uFFFD");
        assertThat(run.externalId()).isEqualTo("ext\uFFFD");
        assertThat(run.labels()).containsExactly(Map.entry("county\uFFFD", "Tai\uFFFDpei"));
        assertThat(run.machineName()).isEqualTo("pc\uFFFD");
        assertThat(run.monitorId()).isEqualTo(MonitorId.of("k", "shell", "pc\uFFFD"));
    }
}
