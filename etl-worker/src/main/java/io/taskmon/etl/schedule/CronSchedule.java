package io.taskmon.etl.schedule;

import io.taskmon.etl.cli.UsageException;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * A classic five-field cron expression (minute hour day-of-month month day-of-week) with lists,
 * ranges, steps and three-letter names. As in cron, when both day fields are restricted a day
 * matches if either does. Times are in the given zone.
 */
public final class CronSchedule {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    /** Enough to find the next match of any satisfiable expression (Feb 29 on a Monday is years away). */
    private static final int MAX_STEPS = 200_000;

    private final String expression;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;

    private CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet daysOfMonth, BitSet months,
                         BitSet daysOfWeek, boolean dayOfMonthRestricted, boolean dayOfWeekRestricted) {
        this.expression = expression;
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.dayOfMonthRestricted = dayOfMonthRestricted;
        this.dayOfWeekRestricted = dayOfWeekRestricted;
    }

    public static CronSchedule parse(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new UsageException("--schedule needs 5 fields (minute hour day month weekday), got "
                    + fields.length + " in '" + expression + "'");
        }
        BitSet daysOfWeek = field(fields[4], "weekday", 0, 7, DAYS);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
            daysOfWeek.clear(7);
        }
        CronSchedule schedule = new CronSchedule(expression.trim(), field(fields[0], "minute", 0, 59, null),
                field(fields[1], "hour", 0, 23, null), field(fields[2], "day", 1, 31, null),
                field(fields[3], "month", 1, 12, MONTHS), daysOfWeek, !fields[2].equals("*"), !fields[4].equals("*"));
        schedule.nextAfter(ZonedDateTime.now());
        return schedule;
    }

    private static BitSet field(String text, String name, int min, int max, List<String> names) {
        BitSet values = new BitSet(max + 1);
        for (String item : text.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = number(item.substring(slash + 1), name, 1, max, null, item);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                String[] ends = range.split("-", 2);
                from = number(ends[0], name, min, max, names, item);
                to = number(ends[1], name, min, max, names, item);
                if (to < from) {
                    throw bad(name, item, "the range runs backwards");
                }
            } else {
                from = number(range, name, min, max, names, item);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private static int number(String text, String name, int min, int max, List<String> names, String item) {
        if (names != null) {
            int index = names.indexOf(text.toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return index + (min == 1 ? 1 : 0);
            }
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                throw bad(name, item, "allowed " + min + "-" + max);
            }
            return value;
        } catch (NumberFormatException e) {
            throw bad(name, item, "not a number");
        }
    }

    private static UsageException bad(String name, String item, String why) {
        return new UsageException("--schedule: the " + name + " field '" + item + "' is wrong (" + why + ")");
    }

    /** The first matching minute strictly after {@code after}. */
    public ZonedDateTime nextAfter(ZonedDateTime after) {
        ZonedDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        for (int step = 0; step < MAX_STEPS; step++) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t;
            }
        }
        throw new UsageException("--schedule '" + expression + "' never fires");
    }

    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public String toString() {
        return expression;
    }
}
