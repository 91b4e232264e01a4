package io.taskmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

    @Test
    void shouldReadEveryUnitOfTheGrammar() {
        assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(DurationText.parse(" 5m ")).contains(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2h")).contains(Duration.ofHours(2));
        assertThat(DurationText.parse("7d")).contains(Duration.ofDays(7));
    }

    @Test
    void shouldRefuseWhatIsNotTheGrammar() {
        for (String bad : new String[] {null, "", "5", "m", "-5m", "5 m", "5min", "PT5M", "1.5h", "5M",
                "99999999999999999999d", "999999999999999d"}) {
            assertThat(DurationText.parse(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void shouldWriteTheShortestSpelling() {
        assertThat(DurationText.format(Duration.ofDays(90))).isEqualTo("90d");
        assertThat(DurationText.format(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    }
}
