package io.taskmon.standalone;

import io.taskmon.config.Settings;
import io.taskmon.config.SettingsException;
import io.taskmon.config.SettingValue;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code ./taskmon config}: every setting {@code ./taskmon up} would use, its value (secrets masked) and
 * where the value came from, so a newcomer sees the whole configuration and an operator can check a
 * deployment without starting it.
 */
public final class ConfigCommand {

    private ConfigCommand() {
    }

    public static void main(String[] args) {
        if (args.length != 0) {
            System.err.println("taskmon: 'config' takes no arguments (got: " + String.join(" ", args) + ")");
            System.exit(TaskmonStandalone.EXIT_BAD_CONFIGURATION);
        }
        System.exit(print(Settings.fromEnvironment(), System.out, System.err));
    }

    /** Prints the table to {@code out}, or the bad setting's sentence to {@code err}; returns the exit code. */
    static int print(Settings settings, PrintStream out, PrintStream err) {
        try {
            StandaloneSettings.read(settings);
        } catch (SettingsException e) {
            err.println("taskmon: " + e.getMessage());
            return TaskmonStandalone.EXIT_BAD_CONFIGURATION;
        }
        List<SettingValue> values = settings.report();
        int nameWidth = values.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        int valueWidth = Math.min(48, values.stream().mapToInt(v -> v.shown().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + valueWidth + "s  %s%n";
        out.printf(format, "SETTING", "VALUE", "FROM");
        for (SettingValue value : values) {
            out.printf(format, value.name(), value.shown(), value.source());
        }
        return 0;
    }
}
