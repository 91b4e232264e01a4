package io.taskmon.etl.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void withAKnownSizeItShowsABarTheShareTheRateAndAnEta() {
        ProgressBar bar = new ProgressBar(stream, false, true, 1_000L);

        assertThat(bar.render(4, 80_000, 250, 10.0))
                .isEqualTo("[######..................]  25% 80,000 rows  4 batches  8,000 rows/s  ETA 0:30");
    }

    @Test
    void withoutASizeItShowsRowsBatchesRateAndElapsedTime() {
        ProgressBar bar = new ProgressBar(stream, false, true, null);

        assertThat(bar.render(2, 40_000, 123, 65.0)).isEqualTo("40,000 rows  2 batches  615 rows/s  1:05 elapsed");
    }

    @Test
    void offATerminalItPrintsALinePerBatchWithoutRepeatingTheLastAndWhenDisabledNothing() {
        ProgressBar offTerminal = new ProgressBar(stream, false, true, null);
        offTerminal.update(1, 10, 5, false);
        offTerminal.update(1, 10, 5, true);
        new ProgressBar(stream, false, false, null).update(1, 10, 5, false);

        assertThat(out.toString(StandardCharsets.UTF_8).lines()).hasSize(1).allMatch(l -> l.startsWith("10 rows  1 batches"));
    }
}
