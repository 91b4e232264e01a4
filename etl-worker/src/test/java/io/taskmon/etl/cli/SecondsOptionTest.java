package io.taskmon.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SecondsOptionTest {

    private final OptionValues.Seconds seconds = new OptionValues.Seconds();

    @Test
    void readsTheOneDurationGrammarAndABareNumberAsSeconds() {
        assertThat(seconds.convert("5s")).isEqualTo(5L);
        assertThat(seconds.convert("2m")).isEqualTo(120L);
        assertThat(seconds.convert("1h")).isEqualTo(3600L);
        assertThat(seconds.convert("3000ms")).isEqualTo(3L);
        assertThat(seconds.convert("7")).isEqualTo(7L);
    }

    @Test
    void refusesWhatIsNotAWholePositiveNumberOfSeconds() {
        for (String bad : new String[] {"0", "0s", "1500ms", "soon", "-5s", "5 s", "1.5", ""}) {
            assertThatThrownBy(() -> seconds.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessage("must be a positive number of whole seconds such as 5s or 2m, got '" + bad + "'");
        }
    }
}
