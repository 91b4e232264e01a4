package io.taskmon.etl.schedule;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.CronType;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.taskmon.etl.cli.UsageException;
import java.time.ZonedDateTime;

/**
 * A classic five-field unix cron expression (minute hour day-of-month month day-of-week) with
 * lists, ranges, steps and three-letter names, read and evaluated by cron-utils. As in cron, when
 * both day fields are restricted a day matches if either does. Times are local to the zone of the
 * time asked about.
 *
 * <p>Daylight saving time: a local time that does not exist (02:30 on the spring-forward day in
 * Europe/Berlin) does not fire that day, which is what cron-utils does; a local time that occurs
 * twice (the fall-back hour) fires once, at its first occurrence. cron-utils alone would offer the
 * second one to a run that ended within the repeated hour, so it is passed over here.
 */
public final class CronSchedule {

    private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);

    private final String expression;
    private final ExecutionTime executionTime;

    private CronSchedule(String expression, ExecutionTime executionTime) {
        this.expression = expression;
        this.executionTime = executionTime;
    }

    /** @throws UsageException naming the wrong field, or saying the expression never fires */
    public static CronSchedule parse(String expression) {
        CronFields.check(expression);
        String trimmed = expression.trim();
        ExecutionTime executionTime;
        try {
            executionTime = ExecutionTime.forCron(new CronParser(UNIX).parse(trimmed));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--schedule '" + trimmed + "' is not a cron expression: " + e.getMessage());
        }
        CronSchedule schedule = new CronSchedule(trimmed, executionTime);
        schedule.nextAfter(ZonedDateTime.now());
        return schedule;
    }

    /** The first matching minute strictly after {@code after}, in its zone. */
    public ZonedDateTime nextAfter(ZonedDateTime after) {
        ZonedDateTime next = following(after);
        while (!next.withEarlierOffsetAtOverlap().equals(next)) {
            next = following(next);
        }
        return next;
    }

    private ZonedDateTime following(ZonedDateTime time) {
        return executionTime.nextExecution(time)
                .orElseThrow(() -> new UsageException("--schedule '" + expression + "' never fires"));
    }

    @Override
    public String toString() {
        return expression;
    }
}
