package io.taskmon.reporter;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the reporter's own arguments. Options are {@code --name value} or {@code --name=value};
 * for {@code run}, everything after {@code --} is the command, passed on untouched.
 */
final class CommandLine {

    /** What to do, with its options as given. */
    sealed interface Invocation {
    }

    record Help() implements Invocation {
    }

    record Run(Map<String, String> options, List<String> command) implements Invocation {
    }

    record Send(Map<String, String> options) implements Invocation {
    }

    static final String USAGE = """
            Usage:
              taskmon-report run  --task-key KEY --name NAME [--kind shell] [--machine NAME] [--log-dir DIR]
                                  [--url URL] [--key KEY] -- COMMAND [ARGS...]
              taskmon-report send --task-key KEY --name NAME --status success|failed|running [--kind shell]
                                  [--machine NAME] [--exit-code N] [--message TEXT] [--started-at ISO-8601]
                                  [--finished-at ISO-8601] [--duration-ms N] [--log-url URL] [--event-id UUID]
                                  [--run-id ID] [--url URL] [--key KEY]
            Schedule (both; sent as the monitor's monitor_config, seconds as whole numbers):
              [--cron "0 2 * * *" [--timezone Asia/Taipei] | --interval SECONDS] [--grace SECONDS]
              [--max-runtime SECONDS] [--min-runtime SECONDS] [--alert-after-failures N]
              [--recover-after-successes N]
            run exits with the command's exit code; send exits 0 unless its arguments are wrong.
            Environment: TASKMON_URL, TASKMON_KEY (or TC_PORTAL_BASE_URL, TC_PORTAL_WEBHOOK_SECRET),
            TASKMON_SPOOL_DIR, TASKMON_REPORT_TIMEOUT.""";

    private static final Set<String> COMMON = Set.of("task-key", "name", "kind", "machine", "url", "key", "cron",
            "timezone", "interval", "grace", "max-runtime", "min-runtime", "alert-after-failures",
            "recover-after-successes");
    private static final Set<String> RUN = Set.of("log-dir");
    private static final Set<String> SEND = Set.of("status", "exit-code", "message", "started-at", "finished-at",
            "duration-ms", "log-url", "event-id", "run-id");
    private static final Set<String> STATUSES = Set.of(RunReport.SUCCESS, RunReport.FAILED, RunReport.RUNNING);

    private CommandLine() {
    }

    static Invocation parse(String[] args) throws UsageError {
        if (args.length == 0) {
            throw new UsageError("say what to do: run or send");
        }
        String verb = args[0];
        switch (verb) {
            case "-h", "--help", "help" -> {
                return new Help();
            }
            case "run" -> {
                int separator = List.of(args).indexOf("--");
                if (separator < 0) {
                    throw new UsageError("run needs the command after --, e.g. run --task-key k --name n -- ./backup.sh");
                }
                Map<String, String> options = options(args, 1, separator, "run", RUN);
                List<String> command = List.of(args).subList(separator + 1, args.length);
                if (command.isEmpty() || command.get(0).isEmpty()) {
                    throw new UsageError("run needs a command after --");
                }
                requireIdentity(options);
                ScheduleFlags.from(options);
                return new Run(options, command);
            }
            case "send" -> {
                Map<String, String> options = options(args, 1, args.length, "send", SEND);
                requireIdentity(options);
                validateSend(options);
                ScheduleFlags.from(options);
                return new Send(options);
            }
            default -> throw new UsageError("unknown command '" + verb + "'; use run or send");
        }
    }

    private static Map<String, String> options(String[] args, int from, int to, String verb, Set<String> own)
            throws UsageError {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < to; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                throw new UsageError(verb + " takes no command; only run does");
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageError("unexpected argument '" + arg + "'"
                        + (verb.equals("run") ? "; the command goes after --" : ""));
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < to) {
                value = args[++i];
            } else {
                throw new UsageError("--" + name + " needs a value");
            }
            if (!COMMON.contains(name) && !own.contains(name)) {
                throw new UsageError("unknown option --" + name + " for " + verb);
            }
            if (options.put(name, value) != null) {
                throw new UsageError("--" + name + " is given twice");
            }
        }
        return options;
    }

    private static void requireIdentity(Map<String, String> options) throws UsageError {
        for (String required : List.of("task-key", "name")) {
            String value = options.get(required);
            if (value == null || value.isBlank()) {
                throw new UsageError("--" + required + " is required");
            }
        }
        String kind = options.get("kind");
        if (kind != null && kind.isBlank()) {
            throw new UsageError("--kind must not be empty");
        }
    }

    private static void validateSend(Map<String, String> options) throws UsageError {
        String status = options.get("status");
        if (status == null || !STATUSES.contains(status)) {
            throw new UsageError("--status must be success, failed or running"
                    + (status == null ? "" : ", got '" + status + "'"));
        }
        String exitCode = options.get("exit-code");
        if (exitCode != null) {
            try {
                Integer.parseInt(exitCode.trim());
            } catch (NumberFormatException e) {
                throw new UsageError("--exit-code must be a whole number, got '" + exitCode + "'");
            }
        }
        String duration = options.get("duration-ms");
        if (duration != null) {
            try {
                if (Long.parseLong(duration.trim()) < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new UsageError("--duration-ms must be a whole number of 0 or more, got '" + duration + "'");
            }
        }
        for (String time : List.of("started-at", "finished-at")) {
            String value = options.get(time);
            if (value != null && !isTimestamp(value.trim())) {
                throw new UsageError("--" + time + " must be an ISO-8601 time such as 2026-01-22T09:00:00Z, got '"
                        + value + "'");
            }
        }
        String eventId = options.get("event-id");
        if (eventId != null) {
            try {
                UUID.fromString(eventId.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageError("--event-id must be a UUID, got '" + eventId + "'");
            }
        }
    }

    /** What the gateway accepts: with an offset, or without one (then UTC). */
    private static boolean isTimestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(value);
                return true;
            } catch (DateTimeParseException again) {
                return false;
            }
        }
    }
}
