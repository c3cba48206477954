package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random damage to a valid file (bytes flipped, inserted, deleted, lines duplicated or cut off,
 * wrong format declared): the server never answers 5xx and never leaves a partial submission.
 */
class MutatedUploadsPropertiesTest {

    private static final byte[] VALID = ("record_id,source_id,reporting_country,detection_date,linkage_key,sex,birth_year,citizenship\n"
            + "r1,IDN-POLICE,IDN,2024-03-07,k1,F,1990,AFG\n"
            + "r2,IDN-POLICE,IDN,2024-05-01,k2,M,,MMR\n"
            + "\"r3\",IDN-POLICE,IDN,2024-06-11,k3,UNK,2001,XXA\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOISE = "\",;\n\r\u00e9\u0000\u00ff=1-9aZ ".getBytes(StandardCharsets.ISO_8859_1);

    private static Path data;
    private static TestServer server;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("darkfigure-mutations");
        server = new TestServer(data, 1 << 20);
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    /** One edit of a byte array. */
    record Edit(int kind, double where, int length, byte value) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return new byte[] {value};
            }
            int at = (int) (where * in.length);
            at = Math.min(at, in.length - 1);
            switch (kind) {
                case 0: { // replace
                    byte[] out = in.clone();
                    out[at] = value;
                    return out;
                }
                case 1: { // insert
                    byte[] out = new byte[in.length + 1];
                    System.arraycopy(in, 0, out, 0, at);
                    out[at] = value;
                    System.arraycopy(in, at, out, at + 1, in.length - at);
                    return out;
                }
                case 2: { // delete a run
                    int n = Math.min(length, in.length - at);
                    byte[] out = new byte[in.length - n];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + n, out, at, in.length - at - n);
                    return out;
                }
                case 3: // truncate
                    return Arrays.copyOf(in, at);
                default: { // duplicate a run
                    int n = Math.min(length, in.length - at);
                    byte[] out = new byte[in.length + n];
                    System.arraycopy(in, 0, out, 0, at + n);
                    System.arraycopy(in, at, out, at + n, in.length - at);
                    return out;
                }
            }
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 4),
                Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, NOISE.length - 1).map(i -> NOISE[i])).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 150, seed = "20261128")
    void never_a_server_error_and_never_a_partial_submission(@ForAll("edits") List<Edit> edits,
                                                             @ForAll("formats") String format) throws Exception {
        byte[] body = VALID;
        for (Edit e : edits) {
            body = e.apply(body);
        }
        HttpResponse<String> r = server.post("/api/v1/submissions?country=IDN&source=IDN-POLICE&recordType=migrant"
                + "&schemaVersion=1&period=2024&format=" + format, body);
        assertTrue(Set.of(200, 201, 413, 422).contains(r.statusCode()), r.statusCode() + ": " + r.body());
        var registered = server.services.submissions().ids();
        for (String folder : new String[] {"staging", "raw"}) {
            Path dir = data.resolve(folder);
            if (Files.isDirectory(dir)) {
                try (var children = Files.list(dir)) {
                    children.forEach(c -> assertTrue(registered.contains(c.getFileName().toString()), "orphan " + c));
                }
            }
        }
        for (String id : registered) {
            assertTrue(Files.exists(data.resolve("staging").resolve(id).resolve("part-00000.parquet")), "staged rows of " + id);
        }
        Path incoming = data.resolve("incoming");
        if (Files.isDirectory(incoming)) {
            try (var children = Files.list(incoming)) {
                assertTrue(children.findAny().isEmpty(), "incoming/ is empty after every request");
            }
        }
    }

    @Provide
    Arbitrary<String> formats() {
        return Arbitraries.of("csv", "csv", "csv", "jsonl", "xlsx", "parquet");
    }
}
