package org.darkfigure.api;

import io.javalin.Javalin;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;

/** {@code ./darkfigure serve}: the intake API, the estimates API and the chart pages. */
public final class ServeCommand implements Command {

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "start the web server: intake API, runs, estimates JSON and chart pages";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure serve [--port N] [--host ADDRESS]

                Serves on http://HOST:PORT/ until stopped (Ctrl-C). Configuration comes from the environment
                (DARKFIGURE_DATA, DARKFIGURE_DB_URL, DARKFIGURE_PORT, ...; see README "Configuration").

                  --port N          port (default DARKFIGURE_PORT or 7070; 0 picks a free one)
                  --host ADDRESS    address to bind (default DARKFIGURE_HOST or 127.0.0.1)
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("port", "host");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment(System.getenv());
        config = config.withPort(args.intOption("port", config.http().port()));
        String host = args.option("host", config.http().host());
        Services services = Services.open(config);
        services.recover();
        Javalin app = Servers.start(DarkfigureApp.create(services), host, config.http().port());
        System.out.println("darkfigure serving http://" + host + ":" + app.port() + "/ (data: " + config.dataRoot() + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            services.close();
        }));
        Thread.currentThread().join();
        return 0;
    }
}
