package io.taskmon.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most two bytes per read, so records and characters straddle the buffer's refills. */
    private static InputStream trickling(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buf, int off, int len) {
                return super.read(buf, off, Math.min(len, 2));
            }
        };
    }

    private static InputStream trickling(String text) {
        return trickling(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> records(InputStream reader) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordReader csv = new CsvRecordReader(reader)) {
            while (csv.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < csv.fieldCount(); i++) {
                    fields.add(csv.field(i));
                }
                out.add(csv.lineNumber() + ":" + String.join("|", fields) + " <" + csv.raw() + ">");
            }
        }
        return out;
    }

    @Test
    void readsQuotesDoubledQuotesLineBreaksInQuotesCrlfEmptyFieldsAndSkipsTheByteOrderMark() throws IOException {
        String text = "\uFEFFa,b,c\r\n\"x,1\",\"say \"\"hi\"\"\",\r\n\"two\nlines\",中文,\n,,\nlast,no,newline";

        List<String> expected = List.of(
                "1:a|b|c <a,b,c>",
                "2:x,1|say \"hi\"| <\"x,1\",\"say \"\"hi\"\"\",>",
                "3:two\nlines|中文| <\"two\nlines\",中文,>",
                "5:|| <,,>",
                "6:last|no|newline <last,no,newline>");
        assertThat(records(bytes(text))).containsExactlyElementsOf(expected);
        assertThat(records(trickling(text))).containsExactlyElementsOf(expected);
    }

    @Test
    void anEmptyInputHasNoRecordsAndAnEmptyLineIsOneEmptyField() throws IOException {
        assertThat(records(bytes(""))).isEmpty();
        assertThat(records(bytes("\n"))).containsExactly("1: <>");
    }

    @Test
    void anUnclosedQuoteIsReportedInsteadOfSwallowingTheFile() {
        String text = "a,b\n\"never closed," + "x".repeat(CsvRecordReader.MAX_RECORD_BYTES + 10);

        assertThatThrownBy(() -> records(bytes(text)))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("line 2: a record longer than 4194304 bytes; is a quote left unclosed?");
    }

    @Test
    void invalidUtf8IsReplacedAsADecodingReaderWouldAndTheRestOfTheRecordIsKept() throws IOException {
        byte[] input = {'a', ',', (byte) 0xE4, (byte) 0xB8, ',', 'b', (byte) 0xFF, '\n', (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, ',', (byte) 0xE4, (byte) 0xB8, (byte) 0xAD, '\n', (byte) 0xF0, (byte) 0x9F, (byte) 0x98};
        String decoded = new String(input, StandardCharsets.UTF_8);
        List<String> expected = new ArrayList<>();
        long line = 1;
        for (String row : decoded.split("\n")) {
            expected.add(line++ + ":" + row.replace(',', '|') + " <" + row + ">");
        }

        assertThat(records(new ByteArrayInputStream(input))).containsExactlyElementsOf(expected);
        assertThat(records(trickling(input))).containsExactlyElementsOf(expected);
        assertThat(expected.get(0)).isEqualTo("1:a|\uFFFD|b\uFFFD <a,\uFFFD,b\uFFFD>");
    }

    /**
     * Every lead byte from 80 to FF with every second byte and a choice of third and fourth
     * bytes, one record each: the reader's text of each record is what Java's decoder makes of
     * its bytes, whether the three-byte fast path or the general check judged them, and also when
     * the input comes two bytes a read, so that sequences straddle the buffer's refills.
     */
    @Test
    void everyMultiByteSequenceIsKeptOrReplacedExactlyAsJavasDecoderDoes() throws IOException {
        int[] tails = {'a', 0x7F, 0x80, 0xBF, 0xC0, 0xFF};
        java.io.ByteArrayOutputStream input = new java.io.ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int lead = 0x80; lead <= 0xFF; lead++) {
            for (int second = 0; second <= 0xFF; second++) {
                for (int tail : tails) {
                    byte[] row = {'x', (byte) lead, (byte) second, (byte) tail, (byte) 0x80, 'y'};
                    if (second == '\n' || second == '"' || second == ',' || second == 0) {
                        continue; // separators and NUL bytes are other tests' business
                    }
                    input.write(row, 0, row.length);
                    input.write('\n');
                    expected.add(new String(row, StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(rawRecords(new ByteArrayInputStream(input.toByteArray()))).containsExactlyElementsOf(expected);
        assertThat(rawRecords(trickling(input.toByteArray()))).containsExactlyElementsOf(expected);
    }

    private static List<String> rawRecords(InputStream reader) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvRecordReader csv = new CsvRecordReader(reader)) {
            while (csv.next()) {
                out.add(csv.raw());
            }
        }
        return out;
    }

    @Test
    void aQuotedFieldKeepsItsBytesWhileLaterQuotedFieldsGrowTheUnescapingBuffer() throws IOException {
        String first = "早" + "x".repeat(300);
        String second = "晚".repeat(200);
        try (CsvRecordReader csv = new CsvRecordReader(bytes("\"" + first + "\",plain,\"" + second + "\"\n"))) {
            assertThat(csv.next()).isTrue();
            assertThat(fieldBytes(csv, 0)).isEqualTo(first.getBytes(StandardCharsets.UTF_8));
            assertThat(fieldBytes(csv, 1)).isEqualTo("plain".getBytes(StandardCharsets.UTF_8));
            assertThat(fieldBytes(csv, 2)).isEqualTo(second.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void fieldsAreTheirUtf8BytesAndARecordTellsWhetherItHoldsANulByte() throws IOException {
        try (CsvRecordReader csv = new CsvRecordReader(bytes("統一,\"x\"\"y\"\nnul\0here,z\n"))) {
            assertThat(csv.next()).isTrue();
            assertThat(fieldBytes(csv, 0)).isEqualTo("統一".getBytes(StandardCharsets.UTF_8));
            assertThat(fieldBytes(csv, 1)).isEqualTo("x\"y".getBytes(StandardCharsets.UTF_8));
            assertThat(csv.hasNul()).isFalse();
            assertThat(csv.next()).isTrue();
            assertThat(csv.field(0)).isEqualTo("nul\0here");
            assertThat(csv.hasNul()).isTrue();
            assertThat(csv.next()).isFalse();
        }
    }

    private static byte[] fieldBytes(CsvRecordReader csv, int i) {
        return java.util.Arrays.copyOfRange(csv.fieldArray(i), csv.fieldStart(i), csv.fieldEnd(i));
    }
}
