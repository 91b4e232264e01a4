package io.taskmon.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    /** Hands out at most a few chars per read, so records straddle the buffer's refills. */
    private static Reader trickling(String text) {
        return new Reader() {
            private final StringReader in = new StringReader(text);

            @Override
            public int read(char[] buf, int off, int len) throws IOException {
                return in.read(buf, off, Math.min(len, 3));
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<String> records(Reader reader) throws IOException {
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
        assertThat(records(new StringReader(text))).containsExactlyElementsOf(expected);
        assertThat(records(trickling(text))).containsExactlyElementsOf(expected);
    }

    @Test
    void anEmptyInputHasNoRecordsAndAnEmptyLineIsOneEmptyField() throws IOException {
        assertThat(records(new StringReader(""))).isEmpty();
        assertThat(records(new StringReader("\n"))).containsExactly("1: <>");
    }

    @Test
    void anUnclosedQuoteIsReportedInsteadOfSwallowingTheFile() {
        String text = "a,b\n\"never closed," + "x".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10);

        assertThatThrownBy(() -> records(new StringReader(text)))
                .isInstanceOf(SourceFormatException.class)
                .hasMessage("line 2: a record longer than 1048576 characters; is a quote left unclosed?");
    }
}
