package io.taskmon.etl.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.taskmon.etl.transform.TaxRegistrationColumns;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TaxRegistrationGeneratorTest {

    private static String generate(long seed, double badShare, long rows) throws IOException {
        StringWriter out = new StringWriter();
        new TaxRegistrationGenerator(seed, badShare).write(out, rows);
        return out.toString();
    }

    @Test
    void theSameSeedGivesTheSameFileAndAnotherSeedAnotherOne() throws IOException {
        assertThat(generate(42, 0.1, 2_000)).isEqualTo(generate(42, 0.1, 2_000)).isNotEqualTo(generate(43, 0.1, 2_000));
    }

    @Test
    void theFileHasTheRealHeaderTraditionalChineseAndTheChosenShareOfBadRows() throws IOException {
        StringWriter out = new StringWriter();
        TaxRegistrationGenerator.Counts counts = new TaxRegistrationGenerator(1, 0.2).write(out, 10_000);
        String text = out.toString();

        assertThat(text).startsWith("\uFEFF" + String.join(",", TaxRegistrationColumns.HEADER) + "\n");
        assertThat(text.lines().count()).isEqualTo(10_001);
        assertThat(text).contains("股份有限公司", "臺北市");
        long bad = counts.invalidBan() + counts.missingField() + counts.duplicate() + counts.badNumber() + counts.blank();
        assertThat(counts.valid() + bad).isEqualTo(10_000);
        assertThat(bad).isBetween(1_800L, 2_200L);
        assertThat(counts.invalidBan()).isPositive();
        assertThat(counts.missingField()).isPositive();
        assertThat(counts.duplicate()).isPositive();
        assertThat(counts.badNumber()).isPositive();
        assertThat(counts.blank()).isPositive();
    }
}
