package io.taskmon.events;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * A classic five-field unix cron expression (minute hour day-of-month month day-of-week),
 * evaluated in a zone the way cron itself treats daylight saving time.
 *
 * <p>The expression is matched against the zone's wall clock, not against instants: cron-utils
 * evaluates it in UTC, which has no DST, and the matching local time is then placed in the zone.
 * A local time the spring-forward change skips (02:30 in Europe/Berlin on the last Sunday of
 * March) is expected at the change itself (03:00 CEST), as cron runs such jobs right after it;
 * a local time the fall-back change repeats is expected once, at its first occurrence, as cron
 * does not run them again. So the schedule never expects a run cron would not start.
 */
public final class CronSchedule implements MonitorSchedule {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
    /** Searching a match further than this says the expression never fires (Feb 30 and such). */
    private static final int YEARS_AHEAD = 8;

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime executionTime) {
        this.expression = expression;
        this.zone = zone;
        this.executionTime = executionTime;
    }

    /** @throws IllegalArgumentException with {@link #problem}'s words when the expression is not usable */
    public static CronSchedule of(String expression, ZoneId zone) {
        problem(expression).ifPresent(sentence -> {
            throw new IllegalArgumentException("cron " + sentence);
        });
        return new CronSchedule(expression.trim(), zone, parse(expression.trim()));
    }

    /**
     * What is wrong with {@code expression} as the end of a sentence starting with its field name
     * ("must have 5 fields ..."), or empty when it can be evaluated.
     */
    static Optional<String> problem(String expression) {
        Optional<String> shape = MonitorConfigRules.cronShapeProblem(expression);
        if (shape.isPresent()) {
            return shape;
        }
        String trimmed = expression.trim();
        ExecutionTime time;
        try {
            time = parse(trimmed);
        } catch (RuntimeException e) {
            return Optional.of("is not a valid cron expression: " + e.getMessage());
        }
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Optional<ZonedDateTime> next = time.nextExecution(now);
        if (next.isEmpty() || next.get().isAfter(now.plusYears(YEARS_AHEAD))) {
            return Optional.of("never matches a date, such as '" + trimmed + "'");
        }
        return Optional.empty();
    }

    private static ExecutionTime parse(String expression) {
        return ExecutionTime.forCron(new CronParser(UNIX).parse(expression));
    }

    @Override
    public Instant nextAfter(Instant lastStart) {
        LocalDateTime wall = LocalDateTime.ofInstant(lastStart, zone);
        while (true) {
            LocalDateTime match = executionTime.nextExecution(wall.atZone(ZoneOffset.UTC))
                    .orElseThrow(() -> new IllegalStateException("cron '" + expression + "' never fires"))
                    .toLocalDateTime();
            Instant at = placeInZone(match);
            if (at.isAfter(lastStart)) {
                return at;
            }
            // The wall clock repeats an hour after the fall-back change: a local time already
            // passed once is not expected again.
            wall = match;
        }
    }

    /** A local time as an instant: a skipped time at the change that skipped it, a repeated one at its first pass. */
    private Instant placeInZone(LocalDateTime local) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    @Override
    public String toString() {
        return expression + " (" + zone + ")";
    }
}
