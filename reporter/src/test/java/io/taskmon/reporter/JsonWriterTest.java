package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.taskmon.events.EventJson;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The hand-written JSON must read back exactly with a real parser, whatever a command printed. */
class JsonWriterTest {

    @Test
    void shouldWriteStringsThatAStrictParserReadsBackUnchanged() throws IOException {
        String awkward = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \u0000 bell \u0007 esc \u001b"
                + " 日本語 emoji 😀 U+2028 \u2028";
        UUID eventId = UUID.randomUUID();

        byte[] json = new RunReport("k", "名前", "shell", null, "failed", eventId, "r", null, null, 12L, -1,
                awkward, null, null).toJson();

        JsonNode node = EventJson.mapper().readTree(json);
        assertThat(node.get("message").textValue()).isEqualTo(awkward);
        assertThat(node.get("task_name").textValue()).isEqualTo("名前");
        assertThat(node.get("event_id").textValue()).isEqualTo(eventId.toString());
        assertThat(node.get("duration_ms").longValue()).isEqualTo(12L);
        assertThat(node.get("exit_code").intValue()).isEqualTo(-1);
        assertThat(node.has("machine_name")).isFalse();
        assertThat(node.has("started_at")).isFalse();
        assertThat(node.size()).isEqualTo(9);
    }

    @Test
    void shouldReplaceALoneSurrogateInsteadOfWritingInvalidUtf8() throws IOException {
        String broken = "before \uD83D after \uDE00 end";

        JsonNode node = EventJson.mapper().readTree(new JsonWriter().field("message", broken).toUtf8());

        assertThat(node.get("message").textValue()).isEqualTo("before \uFFFD after \uFFFD end");
    }
}
