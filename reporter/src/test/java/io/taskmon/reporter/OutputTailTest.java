package io.taskmon.reporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputTailTest {

    @Test
    void shouldKeepEverythingUpToItsCapacityWithoutAMarker() {
        OutputTail tail = new OutputTail(8);
        append(tail, "abc");
        append(tail, "defgh");

        assertThat(tail.text(StandardCharsets.UTF_8, "")).isEqualTo("abcdefgh");
        assertThat(tail.totalBytes()).isEqualTo(8);
    }

    @Test
    void shouldKeepTheLastBytesAcrossWrapsAndChunksLargerThanItself() {
        OutputTail tail = new OutputTail(8);
        append(tail, "abcde");
        append(tail, "fghij");           // wraps
        assertThat(tail.text(StandardCharsets.UTF_8, "")).isEqualTo("…[2 earlier bytes of output cut]\ncdefghij");

        append(tail, "0123456789XYZ");   // larger than the whole buffer, at an odd position
        assertThat(tail.text(StandardCharsets.UTF_8, "; see x.log"))
                .isEqualTo("…[15 earlier bytes of output cut; see x.log]\n56789XYZ");
        append(tail, "!");
        assertThat(tail.text(StandardCharsets.UTF_8, "")).isEqualTo("…[16 earlier bytes of output cut]\n6789XYZ!");
    }

    @Test
    void shouldNotStartWithHalfACharacterWhenTheCutFallsInsideOne() {
        OutputTail tail = new OutputTail(5);
        append(tail, "日本語"); // 9 bytes: the last 5 start with the two trailing bytes of 本

        assertThat(tail.text(StandardCharsets.UTF_8, "")).isEqualTo("…[6 earlier bytes of output cut]\n語");
    }

    private static void append(OutputTail tail, String text) {
        byte[] bytes = ("#" + text + "#").getBytes(StandardCharsets.UTF_8);
        tail.append(bytes, 1, bytes.length - 2);
    }
}
