package io.taskmon.reporter;

import java.io.PrintStream;
import java.util.Map;

/**
 * {@code taskmon-report}: monitors any existing script without touching it. {@code run} wraps
 * a command and reports its run; {@code send} reports one run for a script that does it
 * itself. Monitoring never breaks the command: the command's exit code is passed through whatever
 * happens to the report, and only a wrong command line of the reporter itself exits with 2.
 */
public final class TaskmonReport {

    static final int USAGE_ERROR = 2;

    private TaskmonReport() {
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.getenv(), System.out, System.err));
    }

    static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Notices notices = new Notices(err);
        try {
            CommandLine.Invocation invocation = CommandLine.parse(args);
            if (invocation instanceof CommandLine.Run run) {
                return new RunCommand(env, notices).run(run.options(), run.command());
            }
            if (invocation instanceof CommandLine.Send send) {
                return new SendCommand(env, notices).send(send.options());
            }
            out.println(CommandLine.USAGE);
            return 0;
        } catch (UsageError e) {
            notices.say(e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE_ERROR;
        }
    }
}
