package org.darkfigure.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one command: positional values, {@code --name value} options and
 * {@code --flag} switches, checked against what the command declares so that a typo is an error
 * naming the option, not a silently ignored word.
 */
public final class CommandLine {

    private final List<String> positional;
    private final Map<String, String> options;
    private final Set<String> flags;

    private CommandLine(List<String> positional, Map<String, String> options, Set<String> flags) {
        this.positional = List.copyOf(positional);
        this.options = Map.copyOf(options);
        this.flags = Set.copyOf(flags);
    }

    /** Thrown for arguments the command does not accept; the message says which and why. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static CommandLine parse(String[] args, Set<String> knownOptions, Set<String> knownFlags) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        java.util.Set<String> flags = new java.util.HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.equals("--")) {
                positional.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (knownFlags.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                flags.add(name);
            } else if (knownOptions.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new CommandLine(positional, options, flags);
    }

    public List<String> positional() {
        return positional;
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public String option(String name, String defaultValue) {
        return options.getOrDefault(name, defaultValue);
    }

    public int intOption(String name, int defaultValue) {
        return option(name).map(v -> parse(name, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long longOption(String name, long defaultValue) {
        return option(name).map(v -> parse(name, v, Long::parseLong)).orElse(defaultValue);
    }

    public double doubleOption(String name, double defaultValue) {
        return option(name).map(v -> parse(name, v, Double::parseDouble)).orElse(defaultValue);
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a number, got '" + value + "'");
        }
    }
}
