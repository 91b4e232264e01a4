package io.taskmon.standalone;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ./taskmon dead-letters} command line, read by picocli. Every way the arguments can
 * be wrong becomes one {@link CommandRefused} sentence naming the option.
 */
final class DeadLetterCommandLine {

    static final int MAX_LIST_LIMIT = 1000;

    /** What the arguments asked for. */
    sealed interface Request {
    }

    /** @param waitingOnly only the dead letters not yet replayed */
    record ListLetters(int limit, boolean waitingOnly) implements Request {
    }

    /**
     * @param ids   the dead letters named, or empty with {@code all}
     * @param again replay dead letters that were replayed before too
     */
    record Replay(List<Long> ids, boolean all, boolean again, boolean dryRun) implements Request {
    }

    record Help(String usage) implements Request {
    }

    @Command(name = "./taskmon dead-letters",
            description = "Records a taskmon consumer could not read or store, kept in the read model.",
            subcommands = {ListCommand.class, ReplayCommand.class})
    static final class Root {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
        boolean help;
    }

    @Command(name = "list", description = "List the dead letters, newest first.")
    static final class ListCommand {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
        boolean help;
        @Option(names = "--limit", paramLabel = "N", description = "how many to show, 1 to 1000 (default 50)")
        Integer limit;
        @Option(names = "--waiting", description = "only the dead letters not yet replayed")
        boolean waiting;
    }

    @Command(name = "replay", description = {
        "Publish each dead letter's original record to its source topic again, then mark it replayed.",
        "A record that is still bad becomes a new dead letter."})
    static final class ReplayCommand {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
        boolean help;
        @Option(names = "--id", paramLabel = "N", arity = "1..*", description = "the dead letters to replay, by id")
        List<Long> ids;
        @Option(names = "--all", description = "every dead letter not yet replayed (with --again: every one)")
        boolean all;
        @Option(names = "--again", description = "replay dead letters that were replayed before too")
        boolean again;
        @Option(names = "--dry-run", description = "say what would be replayed; publish and change nothing")
        boolean dryRun;
    }

    private final CommandLine root = new CommandLine(new Root()).setUsageHelpWidth(100);

    Request parse(List<String> args) {
        ParseResult result;
        try {
            result = root.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new CommandRefused(sentence(e));
        }
        if (!result.hasSubcommand()) {
            if (result.isUsageHelpRequested() || args.isEmpty()) {
                return new Help(root.getUsageMessage());
            }
            throw new CommandRefused("dead-letters needs a command: list or replay");
        }
        ParseResult sub = result.subcommand();
        if (sub.isUsageHelpRequested()) {
            return new Help(sub.commandSpec().commandLine().getUsageMessage());
        }
        Object command = sub.commandSpec().userObject();
        if (command instanceof ListCommand list) {
            int limit = list.limit == null ? 50 : list.limit;
            if (limit < 1 || limit > MAX_LIST_LIMIT) {
                throw new CommandRefused("--limit must be a whole number from 1 to " + MAX_LIST_LIMIT + ", got " + limit);
            }
            return new ListLetters(limit, list.waiting);
        }
        ReplayCommand replay = (ReplayCommand) command;
        List<Long> ids = replay.ids == null ? List.of() : List.copyOf(replay.ids);
        if (ids.isEmpty() == !replay.all) {
            throw new CommandRefused(replay.all
                    ? "replay takes either --id or --all, not both"
                    : "replay needs the dead letters to replay: --id N (one or more) or --all");
        }
        for (long id : ids) {
            if (id < 1) {
                throw new CommandRefused("--id must be a dead letter's id, a whole number from 1, got " + id);
            }
        }
        return new Replay(ids, replay.all, replay.again, replay.dryRun);
    }

    private String sentence(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                return "unknown option " + (eq > 0 ? arg.substring(0, eq) : arg);
            }
            return e.getCommandLine() == root
                    ? "unknown dead-letters command '" + arg + "'; the commands are list and replay"
                    : "unexpected argument '" + arg + "'; options start with --";
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given twice";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return name(missing.getMissing().get(0)) + " needs a value";
        }
        if (e.getArgSpec() != null && e.getCause() instanceof CommandLine.TypeConversionException) {
            return name(e.getArgSpec()) + " must be a whole number, got '" + offending(e) + "'";
        }
        return e.getMessage();
    }

    /** picocli names the refused value only in its message: "Invalid value for option '--id': 'x' is not a long". */
    private static String offending(ParameterException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.lastIndexOf(": '");
        int end = message.indexOf('\'', start + 3);
        return start >= 0 && end > start ? message.substring(start + 3, end) : "?";
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }
}
