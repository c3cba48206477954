package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 1, with real sockets: fifty clients that declare a body and send almost none of it (half of
 * them anonymous sign-ins, half a submitter's uploads) must not keep a public page from answering within a
 * second; a declared length beyond the limit is refused before any byte of the body is read.
 */
class SlowClientsTest {

    @TempDir
    Path data;

    @Test
    void fifty_slow_clients_do_not_stall_a_public_get() throws Exception {
        try (TestServer server = new TestServer(data, 1_000_000)) {
            int port = server.app.port();
            String submitter = server.submitter("IDN");
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket s = new Socket("127.0.0.1", port);
                    s.setSoTimeout(15_000);
                    OutputStream out = s.getOutputStream();
                    String head = i % 2 == 0
                            ? "POST /signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                              + "Content-Length: 1000\r\n\r\ntoken=dft_"
                            : "POST " + AccessTest.UPLOAD + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + submitter
                              + "\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nrecord_id,source_id\r\n";
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(s);
                }
                Thread.sleep(500); // every slow request has reached the server
                long worst = 0;
                for (int i = 0; i < 5; i++) {
                    long t = System.nanoTime();
                    HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + port + "/api/v1/standard")).build(), HttpResponse.BodyHandlers.ofString());
                    worst = Math.max(worst, (System.nanoTime() - t) / 1_000_000);
                    assertEquals(200, r.statusCode());
                }
                System.out.printf("public GET while 50 slow clients hold connections: worst of 5 = %d ms%n", worst);
                assertTrue(worst < 1000, "a public GET took " + worst + " ms while slow clients held connections");

                // those beyond the permits were told at once to come back later
                int busy = 0;
                for (Socket s : slow) {
                    s.setSoTimeout(200);
                    try {
                        byte[] buffer = new byte[64];
                        int n = s.getInputStream().read(buffer);
                        if (n > 0 && new String(buffer, 0, n, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 503")) {
                            busy++;
                        }
                    } catch (java.net.SocketTimeoutException e) {
                        // still being read (it holds one of the few permits)
                    }
                }
                assertTrue(busy >= 40, "clients beyond the permits get 503 + Retry-After at once: " + busy);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    /** Like a client would, it starts sending the body (Jetty dispatches a request once its body begins). */
    @Test
    void a_declared_length_beyond_the_limit_is_refused_before_the_body_is_read() throws Exception {
        try (TestServer server = new TestServer(data, 1_000_000);
             Socket s = new Socket("127.0.0.1", server.app.port())) {
            s.setSoTimeout(5_000);
            long t = System.nanoTime();
            s.getOutputStream().write(("POST " + AccessTest.UPLOAD + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.submitter("IDN") + "\r\nContent-Type: text/csv\r\nContent-Length: 5000000\r\n\r\nrecord_id,source_id\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!received.toString().endsWith("}")) { // the problem body ends the answer
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            String answer = received.toString();
            long ms = (System.nanoTime() - t) / 1_000_000;
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("\"detail\"") && answer.contains("Content-Security-Policy"), answer);
            assertTrue(ms < 2000, "413 at once, not after the body: " + ms + " ms");
        }
    }
}
