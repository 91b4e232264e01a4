package io.taskmon.etl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8Test {

    /** Trims like String.strip() on the decoded text, for every code point around a value. */
    @Test
    void strippingBytesAgreesWithStringStripForEveryCodePoint() {
        List<String> disagreements = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
                continue;
            }
            String c = new String(Character.toChars(cp));
            for (String value : List.of(c + "值" + c, c + c, c)) {
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                int start = Utf8.stripStart(bytes, 0, bytes.length);
                int end = Utf8.stripEnd(bytes, start, bytes.length);
                String stripped = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                if (!stripped.equals(value.strip())) {
                    disagreements.add(Integer.toHexString(cp));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void wellFormedSequencesAreTheOnesJavasDecoderKeeps() {
        List<String> disagreements = new ArrayList<>();
        for (int lead = 0x80; lead <= 0xFF; lead++) {
            for (int second = 0; second <= 0xFF; second++) {
                byte[] bytes = {(byte) lead, (byte) second, (byte) 0x80, (byte) 0x80};
                int length = Utf8.sequenceLength(bytes[0]);
                boolean ours = Utf8.isWellFormed(bytes, 0, bytes.length, length);
                String decoded = new String(bytes, 0, Math.max(length, 1), StandardCharsets.UTF_8);
                boolean javas = length > 1 && decoded.codePointCount(0, decoded.length()) == 1
                        && decoded.codePointAt(0) != 0xFFFD;
                if (ours != javas) {
                    disagreements.add(Integer.toHexString(lead) + " " + Integer.toHexString(second));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }
}
