package io.taskmon.etl.schedule;

import io.taskmon.etl.cli.UsageException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a five-field cron expression field by field before cron-utils reads it, so that a
 * mistake is told as one sentence naming the field ("the hour field '25' is wrong"), which the
 * parser's own messages do not.
 */
final class CronFields {

    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG",
            "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronFields() {
    }

    static void check(String expression) {
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 5) {
            throw new UsageException("--schedule needs 5 fields (minute hour day month weekday), got "
                    + fields.length + " in '" + expression + "'");
        }
        field(fields[0], "minute", 0, 59, null);
        field(fields[1], "hour", 0, 23, null);
        field(fields[2], "day", 1, 31, null);
        field(fields[3], "month", 1, 12, MONTHS);
        field(fields[4], "weekday", 0, 7, DAYS);
    }

    private static void field(String text, String name, int min, int max, List<String> names) {
        for (String item : text.split(",", -1)) {
            String range = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                number(item.substring(slash + 1), name, 1, max, null, item);
            }
            if (range.equals("*")) {
                continue;
            }
            if (range.indexOf('-') > 0) {
                String[] ends = range.split("-", 2);
                int from = number(ends[0], name, min, max, names, item);
                int to = number(ends[1], name, min, max, names, item);
                if (to < from) {
                    throw bad(name, item, "the range runs backwards");
                }
            } else {
                number(range, name, min, max, names, item);
            }
        }
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
}
