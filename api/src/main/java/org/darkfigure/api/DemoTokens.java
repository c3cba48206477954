package org.darkfigure.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.darkfigure.access.Role;
import org.darkfigure.access.TokenRegistry;

/**
 * The demo's sign-in tokens: one per role and a submitter per simulated member state, printed and written to
 * {@code demo-tokens.json} in the data folder (readable by its owner only) so a newcomer can sign in at once.
 * Outside the demo no token exists until an admin makes one.
 */
record DemoTokens(String admin, String researcher, String viewer, Map<String, String> submitters) {

    static DemoTokens issue(Services services, Path input, Path dataRoot) throws IOException, SQLException {
        TokenRegistry tokens = services.tokens();
        Map<String, String> submitters = new TreeMap<>();
        List<String> lines = Files.readAllLines(input.resolve("submissions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String country = line.split(",")[1];
            if (!submitters.containsKey(country)) {
                submitters.put(country, tokens.issue(Role.SUBMITTER, country, "demo submitter " + country, 30, "demo").secret());
            }
        }
        DemoTokens demo = new DemoTokens(tokens.issue(Role.ADMIN, null, "demo admin", 30, "demo").secret(),
                tokens.issue(Role.RESEARCHER, null, "demo researcher", 30, "demo").secret(),
                tokens.issue(Role.VIEWER, null, "demo viewer", 30, "demo").secret(), submitters);
        Path file = dataRoot.resolve("demo-tokens.json");
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the folder's permissions
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), demo);
        System.out.println("    demo tokens (sign in at /signin; also in " + file + "):");
        System.out.println("      admin       " + demo.admin());
        System.out.println("      researcher  " + demo.researcher());
        System.out.println("      viewer      " + demo.viewer());
        submitters.forEach((c, t) -> System.out.println("      submitter " + c + " " + t));
        return demo;
    }
}
