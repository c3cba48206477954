package org.darkfigure.pseudonymise;

import java.util.List;
import org.darkfigure.cli.CommandDispatcher;

/** Entry point of the schemas module: the commands a member state runs offline, with nothing but this jar. */
public final class SchemasMain {

    private SchemasMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandDispatcher(List.of(new PseudonymiseCommand())).dispatch(args));
    }
}
