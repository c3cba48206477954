package org.darkfigure.cli;

import java.util.Set;

/** One command of the {@code ./darkfigure} launcher. */
public interface Command {

    String name();

    /** One line for the launcher's command list. */
    String summary();

    /** The full {@code --help} text: synopsis, options, what it writes. */
    String help();

    Set<String> options();

    default Set<String> flags() {
        return Set.of();
    }

    /** Runs the command; the return value is the process exit code. */
    int run(CommandLine args) throws Exception;
}
