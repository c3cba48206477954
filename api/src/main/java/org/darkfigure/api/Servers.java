package org.darkfigure.api;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;

/** Starting the server with a clear message when the port is taken. */
final class Servers {

    private Servers() {
    }

    static Javalin start(Javalin app, String host, int port) throws IOException {
        if (port != 0) {
            try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getByName(host))) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                throw new IOException("port " + port + " on " + host + " is in use (another darkfigure server?); "
                        + "stop it or choose another with --port or DARKFIGURE_PORT");
            }
        }
        return app.start(host, port);
    }
}
