package io.taskmon.etl.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code ./taskmon etl} command line, read by picocli: which command was asked for and its
 * options. Every way picocli can refuse the arguments becomes one {@link UsageException}
 * sentence naming the option, in the words the rest of the command uses.
 */
public final class EtlCommandLine {

    /** What the arguments asked for: a command's options, or the usage text of a command. */
    public sealed interface Request {
    }

    public record Load(LoadCommand command) implements Request {
    }

    public record Generate(GenerateCommand command) implements Request {
    }

    /** {@code --help}, {@code help} or no arguments: print {@code usage} and end with 0. */
    public record Help(String usage) implements Request {
    }

    @Command(name = "./taskmon etl",
            customSynopsis = {
                "./taskmon etl load --source PATH_OR_URL [options]   (./taskmon etl load --help for options)",
                "       ./taskmon etl generate --rows N --out FILE [--seed S] [--bad-share 0.02]"},
            subcommands = {LoadCommand.class, GenerateCommand.class, HelpCommand.class})
    static final class EtlCommand {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this text")
        boolean help;
    }

    @Command(name = "help", description = "show this text")
    static final class HelpCommand {
    }

    private static final int USAGE_WIDTH = 110;
    private static final Pattern FLAG_WITH_VALUE = Pattern.compile("option '(--[a-z-]+)' should be specified without");

    private final CommandLine root = new CommandLine(new EtlCommand()).setUsageHelpWidth(USAGE_WIDTH);
    /** The command the arguments named, so that a refusal shows its usage. */
    private CommandLine asked = root;

    public Request parse(List<String> args) {
        ParseResult result;
        try {
            result = root.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            asked = e.getCommandLine();
            throw new UsageException(sentence(e));
        }
        if (!result.hasSubcommand()) {
            return new Help(root.getUsageMessage());
        }
        ParseResult sub = result.subcommand();
        asked = sub.commandSpec().commandLine();
        Object command = sub.commandSpec().userObject();
        if (sub.isUsageHelpRequested() || command instanceof HelpCommand) {
            return new Help((command instanceof HelpCommand ? root : asked).getUsageMessage());
        }
        return command instanceof LoadCommand load ? new Load(load) : new Generate((GenerateCommand) command);
    }

    /** The usage of the command the arguments named, or of {@code etl} as a whole. */
    public String usage() {
        return asked.getUsageMessage().stripTrailing();
    }

    private String sentence(ParameterException e) {
        if (e instanceof UnmatchedArgumentException unmatched) {
            String arg = unmatched.getUnmatched().get(0);
            if (arg.startsWith("-")) {
                int eq = arg.indexOf('=');
                return "unknown option " + (eq > 0 ? arg.substring(0, eq) : arg);
            }
            if (e.getCommandLine() == root) {
                return "unknown etl command '" + arg + "'";
            }
            return "unexpected argument '" + arg + "'; options start with --";
        }
        if (e instanceof OverwrittenOptionException overwritten) {
            return name(overwritten.getOverwritten()) + " is given twice";
        }
        if (e instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            return name(missing.getMissing().get(0)) + " needs a value";
        }
        if (e.getCause() instanceof TypeConversionException conversion && e.getArgSpec() != null) {
            return name(e.getArgSpec()) + " " + conversion.getMessage();
        }
        // picocli names the flag only inside its message: "option '--yes' should be specified without 'true' parameter".
        Matcher flagWithValue = FLAG_WITH_VALUE.matcher(String.valueOf(e.getMessage()));
        if (flagWithValue.find()) {
            return flagWithValue.group(1) + " takes no value";
        }
        return e.getMessage();
    }

    private static String name(ArgSpec spec) {
        return spec instanceof OptionSpec option ? option.longestName() : spec.paramLabel();
    }
}
