package org.darkfigure.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one of a module's commands from {@code main}: {@code --help} anywhere prints that command's
 * help, a usage mistake prints the message and exits 2, any other failure prints one line and exits 1
 * (the stack trace only with DARKFIGURE_DEBUG set).
 */
public final class CommandDispatcher {

    private final List<Command> commands;
    private final PrintStream out;
    private final PrintStream err;

    public CommandDispatcher(List<Command> commands) {
        this(commands, System.out, System.err);
    }

    public CommandDispatcher(List<Command> commands, PrintStream out, PrintStream err) {
        this.commands = List.copyOf(commands);
        this.out = out;
        this.err = err;
    }

    public int dispatch(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            out.println("commands:");
            for (Command c : commands) {
                out.printf("  %-14s %s%n", c.name(), c.summary());
            }
            return args.length == 0 ? 2 : 0;
        }
        Command command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            err.println("unknown command '" + args[0] + "'; run with --help for the list");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (Arrays.asList(rest).contains("--help")) {
            out.println(command.help().strip());
            return 0;
        }
        try {
            Set<String> flags = new HashSet<>(command.flags());
            return command.run(CommandLine.parse(rest, command.options(), flags));
        } catch (CommandLine.UsageException e) {
            err.println(command.name() + ": " + e.getMessage());
            err.println("run './darkfigure " + command.name() + " --help' for its options");
            return 2;
        } catch (Exception e) {
            err.println(command.name() + " failed: " + describe(e));
            if (System.getenv("DARKFIGURE_DEBUG") != null) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
