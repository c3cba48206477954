package org.darkfigure.api;

import java.util.List;
import org.darkfigure.cli.CommandDispatcher;

/** Entry point of the api module: the commands that use the registry or the server. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // serve (and demo without --no-serve) block until the process is stopped.
        System.exit(new CommandDispatcher(List.of(new DemoCommand(), new ServeCommand(), new PipelineCommand(),
                        new TokenCommand()))
                .dispatch(args));
    }
}
