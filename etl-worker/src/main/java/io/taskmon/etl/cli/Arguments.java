package io.taskmon.etl.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small {@code --name value} / {@code --flag} parser: every option is declared, so a typo is an
 * error naming the option, never silently ignored. {@code --name=value} works too.
 */
public final class Arguments {

    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();

    private Arguments() {
    }

    public static Arguments parse(List<String> args, Set<String> valueOptions, Set<String> flagOptions) {
        Arguments parsed = new Arguments();
        List<String> rest = new ArrayList<>(args);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'; options start with --");
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            if (flagOptions.contains(name)) {
                if (inline != null) {
                    throw new UsageException(name + " takes no value");
                }
                parsed.flags.add(name);
            } else if (valueOptions.contains(name)) {
                String value = inline;
                if (value == null) {
                    if (i + 1 >= rest.size() || (rest.get(i + 1).startsWith("--") && rest.get(i + 1).length() > 2)) {
                        throw new UsageException(name + " needs a value");
                    }
                    value = rest.get(++i);
                }
                if (parsed.values.put(name, value) != null) {
                    throw new UsageException(name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option " + name);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String value(String name) {
        return values.get(name);
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public Long positiveLong(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        try {
            long n = Long.parseLong(value.replace("_", ""));
            if (n <= 0) {
                throw new UsageException(name + " must be a positive whole number, got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a positive whole number, got '" + value + "'");
        }
    }

    public Integer positiveInt(String name, long max) {
        Long n = positiveLong(name);
        if (n == null) {
            return null;
        }
        if (n > max) {
            throw new UsageException(name + " must be at most " + max + ", got " + n);
        }
        return n.intValue();
    }

    public Double share(String name, double fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double share = Double.parseDouble(value);
            if (!(share >= 0 && share <= 1)) {
                throw new UsageException(name + " must be between 0 and 1, got " + value);
            }
            return share;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number between 0 and 1, got '" + value + "'");
        }
    }
}
