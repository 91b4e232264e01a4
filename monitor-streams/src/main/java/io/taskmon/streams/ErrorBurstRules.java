package io.taskmon.streams;

import java.time.Duration;

/**
 * When rejected rows of one ETL job run are a burst worth an ETL_ERROR_BURST alert.
 *
 * @param rows   rejected rows that make a burst, 1..1,000,000
 * @param window the span of the worker's clock they must fall in; a burst ends when a whole
 *               window passes without a rejected row
 */
public record ErrorBurstRules(int rows, Duration window) {

    public static final int MIN_ROWS = 1;
    public static final int MAX_ROWS = 1_000_000;

    public ErrorBurstRules {
        if (rows < MIN_ROWS || rows > MAX_ROWS) {
            throw new IllegalArgumentException("ETL error burst rows must be from 1 to 1000000, got " + rows);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("ETL error burst window must be a positive duration, got " + window);
        }
    }

    /**
     * Five rejected rows in five minutes: a row or two is dirty data the rejection files are for;
     * five within minutes means the source or a rule changed, which a person should look at while
     * the import still runs.
     */
    public static ErrorBurstRules defaults() {
        return new ErrorBurstRules(5, Duration.ofMinutes(5));
    }
}
