package io.taskmon.etl.cli;

import io.taskmon.config.DurationText;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The value types of the etl options. Each refusal is the end of a sentence that
 * {@link EtlCommandLine} starts with the option's name: "--chunk-size must be a positive whole
 * number, got 'ten'".
 */
final class OptionValues {

    private OptionValues() {
    }

    /** A whole number above zero; underscores may group its digits (1_600_000). */
    static final class PositiveNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            long n;
            try {
                n = Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a positive whole number, got '" + value + "'");
            }
            if (n <= 0) {
                throw new TypeConversionException("must be a positive whole number, got " + value);
            }
            return n;
        }
    }

    /**
     * A duration of whole seconds in taskmon's one grammar ({@code 5s}, {@code 2m}); a bare number is
     * seconds, as these options took before the grammar was shared.
     */
    static final class Seconds implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String text = value.trim();
            Optional<Duration> duration = text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Optional.of(Duration.ofSeconds(Long.parseLong(text)))
                    : DurationText.parse(text);
            if (duration.isEmpty() || duration.get().isZero() || duration.get().toMillis() % 1000 != 0) {
                throw new TypeConversionException("must be a positive number of whole seconds such as 5s or 2m,"
                        + " got '" + value + "'");
            }
            return duration.get().toSeconds();
        }
    }

    /** Any whole number. */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a whole number, got '" + value + "'");
            }
        }
    }

    /** A share from 0 to 1. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double share;
            try {
                share = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("must be a number between 0 and 1, got '" + value + "'");
            }
            if (!(share >= 0 && share <= 1)) {
                throw new TypeConversionException("must be between 0 and 1, got " + value);
            }
            return share;
        }
    }

    /** {@code value} as an int, refused with a sentence naming the option when above {@code max}. */
    static Integer atMost(String option, Long value, long max) {
        if (value == null) {
            return null;
        }
        if (value > max) {
            throw new UsageException(option + " must be at most " + max + ", got " + value);
        }
        return value.intValue();
    }
}
