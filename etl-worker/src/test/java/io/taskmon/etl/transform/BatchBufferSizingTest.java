package io.taskmon.etl.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.etl.generate.TaxRegistrationGenerator;
import io.taskmon.etl.source.CsvRecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run's later batches get buffers as large as its batches need, instead of growing them by doubling. */
class BatchBufferSizingTest {

    private static final int ROWS_PER_BATCH = 10_000;

    @Test
    void aNewBufferSetStartsAtTheSizeOfTheLargestFinishedBatch() throws IOException {
        StringWriter file = new StringWriter();
        new TaxRegistrationGenerator(7L, 0.0).write(file, 2 * ROWS_PER_BATCH);
        String text = file.toString().replace("\uFEFF", "");
        try (CsvRecordReader csv = new CsvRecordReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(csv.next()).isTrue();
            List<String> header = new ArrayList<>();
            for (int i = 0; i < csv.fieldCount(); i++) {
                header.add(csv.field(i));
            }
            BatchBuilder builder = new BatchBuilder(TaxRegistrationColumns.fromHeader(header), new SeenBans(), 100,
                    UUID.randomUUID());

            PreparedBatch first = build(builder, csv, 1);
            assertThat(first.registrations().size())
                    .as("the first batch outgrows the first buffers, or this test shows nothing")
                    .isGreaterThan(1 << 20);

            // The first batch's buffers are not handed back, so the second batch gets a new set.
            builder.start(2);
            int registrations = builder.bufferCapacities()[0];
            int industries = builder.bufferCapacities()[1];
            int rawRows = builder.bufferCapacities()[2];
            assertThat(registrations).isGreaterThanOrEqualTo(first.registrations().size());
            assertThat(industries).isGreaterThanOrEqualTo(first.industries().size());
            assertThat(rawRows).isGreaterThanOrEqualTo(first.rawRows().size());

            PreparedBatch second = fill(builder, csv);
            assertThat(second.rowsRead()).isEqualTo(ROWS_PER_BATCH);
            assertThat(second.registrations().capacity()).as("registrations buffer grew").isEqualTo(registrations);
            assertThat(second.industries().capacity()).as("industries buffer grew").isEqualTo(industries);
            assertThat(second.rawRows().capacity()).as("raw rows buffer grew").isEqualTo(rawRows);
        }
    }

    private static PreparedBatch build(BatchBuilder builder, CsvRecordReader csv, long number) throws IOException {
        builder.start(number);
        return fill(builder, csv);
    }

    private static PreparedBatch fill(BatchBuilder builder, CsvRecordReader csv) throws IOException {
        for (int i = 0; i < ROWS_PER_BATCH && csv.next(); i++) {
            builder.accept(csv);
        }
        return builder.finish(0);
    }
}
