package org.darkfigure.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.darkfigure.access.Role;
import org.darkfigure.disclosure.PublishedEstimates;
import org.darkfigure.manifest.StorageLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differencing attack on everything a viewer can read of a release (issue 17, item 2): the estimates
 * JSON, the published CSV and the SDMX-CSV. Every number any view shows is known to the attacker; the
 * published sums (yearly totals = sum of the countries' strata; a country-year's stratum = sum of its
 * sub-strata of each breakdown) are linear equations in the hidden values. A hidden value is recovered
 * when it is determined by them (its unit vector lies in the equations' row space: Gaussian elimination).
 * The attack must recover none. Releases: the one of the issue (a 3-person stratum) and 200 random ones.
 */
class DifferencingAttackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "20260101T000000Z-a77c";

    @TempDir
    Path data;

    @Test
    void no_view_of_the_issues_release_gives_the_three_person_stratum_away() throws Exception {
        // issue 17: a 3-person stratum suppressed in estimates.csv, but its secondary cell and the yearly total
        // visible in the viewers' JSON, so 3 = total - shown cells; and its warning said "Only 2 people..."
        ObjectNode release = release(List.of(
                stratum("IDN", 2024, "all", 3, 9.0, "Only 2 people are on both lists; two-list estimates are unstable below about 7 (Robson & Regier 1964)."),
                stratum("MYS", 2024, "all", 40, 70.0, "The selected model fits the table poorly (deviance 19.4 on 9 df, p = 0.0216)."),
                stratum("THA", 2024, "all", 25, 31.0, null)));
        Path folder = Path.of(new StorageLayout(data.toString()).release(ID));
        Files.createDirectories(folder.resolve("estimates"));
        Files.write(folder.resolve("estimates/estimates.json"), JSON.writeValueAsBytes(release));
        Files.writeString(folder.resolve("manifest.json"), "{}");
        try (TestServer server = new TestServer(data)) {
            String viewer = server.token(Role.VIEWER, null);
            Map<String, String> views = new HashMap<>();
            for (String path : List.of("/api/v1/estimates?release=" + ID, "/api/v1/releases/" + ID + "/estimates.csv",
                    "/api/v1/releases/" + ID + "/estimates.sdmx.csv")) {
                HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.app.port() + path)).header("Authorization", "Bearer " + viewer).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), path + ": " + r.body());
                views.put(path, r.body());
            }
            Known known = new Known();
            known.json(JSON.readTree(views.get("/api/v1/estimates?release=" + ID)));
            known.csv(views.get("/api/v1/releases/" + ID + "/estimates.csv"));
            known.sdmx(views.get("/api/v1/releases/" + ID + "/estimates.sdmx.csv"));
            Set<String> recovered = attack(release, known);
            assertTrue(recovered.isEmpty(), "recovered by differencing: " + recovered);
            assertFalse(known.values.containsKey("migrant|IDN|2024|all|observed"), "the 3 is shown in some view");
            String json = views.get("/api/v1/estimates?release=" + ID);
            assertFalse(json.contains("Only 2 people"), "a hidden stratum's warning gives its counts away: " + json);
            assertFalse(json.contains("deviance 19.4"), "viewers' warnings carry fit statistics: " + json);
        }
    }

    @Test
    void two_hundred_random_releases_give_nothing_away() throws Exception {
        SplittableRandom random = new SplittableRandom(20261202);
        int hiddenSeen = 0;
        for (int trial = 0; trial < 200; trial++) {
            List<ObjectNode> strata = new ArrayList<>();
            int countries = 1 + random.nextInt(4);
            int years = 1 + random.nextInt(4);
            for (int c = 0; c < countries; c++) {
                for (int y = 0; y < years; y++) {
                    String country = "C" + c;
                    int year = 2020 + y;
                    long[] sex = {random.nextInt(3) == 0 ? random.nextInt(5) : random.nextInt(40),
                            random.nextInt(3) == 0 ? random.nextInt(5) : random.nextInt(40)};
                    long all = sex[0] + sex[1];
                    if (all == 0) {
                        continue;
                    }
                    strata.add(stratum(country, year, "all", all, all * 1.6, null));
                    if (random.nextBoolean()) {
                        strata.add(stratum(country, year, "sex=F", sex[0], sex[0] * 1.7, null));
                        strata.add(stratum(country, year, "sex=M", sex[1], sex[1] * 1.5, null));
                    }
                }
            }
            ObjectNode release = release(strata);
            Known known = new Known();
            byte[] published = PublishedEstimates.publish(JSON.writeValueAsBytes(release), 5);
            known.json(JSON.readTree(published));
            var lines = PublishedEstimates.lines(published);
            known.csv(PublishedEstimates.csv(lines));
            known.sdmx(PublishedEstimates.sdmxCsv(lines));
            Set<String> recovered = attack(release, known);
            assertTrue(recovered.isEmpty(), "trial " + trial + ": recovered " + recovered + " from " + release);
            hiddenSeen += (int) strata.stream().filter(s -> !known.values.containsKey(key(s, "observed"))).count();
        }
        assertTrue(hiddenSeen > 100, "the random releases must hide something to attack: " + hiddenSeen);
    }

    /** What the attacker knows: key "population|country|year|stratum|measure" -> value, from every view. */
    static final class Known {
        final Map<String, Double> values = new HashMap<>();

        void json(JsonNode root) {
            for (JsonNode s : root.path("strata")) {
                String k = s.path("population").asText() + "|" + s.path("country").asText() + "|" + s.path("year").asInt()
                        + "|" + s.path("stratum").asText() + "|";
                if (s.path("observed").isNumber()) {
                    values.put(k + "observed", s.path("observed").asDouble());
                }
                if (s.path("estimate").path("total").isNumber()) {
                    values.put(k + "total", s.path("estimate").path("total").asDouble());
                }
            }
            for (JsonNode t : root.path("totals")) {
                String k = t.path("population").asText() + "|_T|" + t.path("year").asInt() + "|all|";
                if (t.path("observed").isNumber()) {
                    values.put(k + "observed", t.path("observed").asDouble());
                }
                if (t.path("total").isNumber()) {
                    values.put(k + "total", t.path("total").asDouble());
                }
            }
        }

        void csv(String csv) {
            csv.lines().skip(1).forEach(line -> {
                String[] f = line.split(",", -1);
                String k = f[0] + "|" + f[1] + "|" + f[2] + "|all|";
                if (!f[3].isEmpty()) {
                    values.put(k + "observed", Double.parseDouble(f[3]));
                }
                if (!f[5].isEmpty()) {
                    values.put(k + "total", Double.parseDouble(f[5]));
                }
            });
        }

        void sdmx(String csv) {
            csv.lines().skip(1).forEach(line -> {
                String[] f = line.split(",", -1);
                String k = f[3].toLowerCase(java.util.Locale.ROOT) + "|" + f[4] + "|" + f[5] + "|all|";
                if (!f[7].equals("NaN") && (f[6].equals("OBSERVED") || f[6].equals("ESTIMATE"))) {
                    values.put(k + (f[6].equals("OBSERVED") ? "observed" : "total"), Double.parseDouble(f[7]));
                }
            });
        }
    }

    /** The hidden values (observed counts and estimates) that the published sums determine. */
    static Set<String> attack(ObjectNode release, Known known) {
        List<Map<String, Double>> equations = new ArrayList<>(); // sum of coefficient * value = 0
        Map<String, List<JsonNode>> byYear = new HashMap<>();
        Map<String, List<JsonNode>> byParent = new HashMap<>();
        for (JsonNode s : release.path("strata")) {
            String stratum = s.path("stratum").asText();
            if (stratum.equals("all")) {
                byYear.computeIfAbsent(s.path("population").asText() + "|" + s.path("year").asInt(), k -> new ArrayList<>()).add(s);
            } else {
                byParent.computeIfAbsent(s.path("population").asText() + "|" + s.path("country").asText() + "|"
                        + s.path("year").asInt() + "|" + stratum.substring(0, stratum.indexOf('=')), k -> new ArrayList<>()).add(s);
            }
        }
        byYear.forEach((k, cells) -> {
            String[] p = k.split("\\|");
            for (String measure : List.of("observed", "total")) {
                Map<String, Double> eq = new HashMap<>();
                eq.put(p[0] + "|_T|" + p[1] + "|all|" + measure, -1.0);
                cells.forEach(s -> eq.put(key(s, measure), 1.0));
                equations.add(eq);
            }
        });
        byParent.forEach((k, cells) -> {
            String[] p = k.split("\\|");
            Map<String, Double> eq = new HashMap<>();
            eq.put(p[0] + "|" + p[1] + "|" + p[2] + "|all|observed", -1.0);
            cells.forEach(s -> eq.put(key(s, "observed"), 1.0));
            equations.add(eq);
        });
        // unknowns: every value in an equation that no view shows
        List<String> unknowns = new ArrayList<>();
        for (Map<String, Double> eq : equations) {
            eq.keySet().stream().filter(v -> !known.values.containsKey(v) && !unknowns.contains(v)).forEach(unknowns::add);
        }
        double[][] a = new double[equations.size()][unknowns.size()];
        for (int i = 0; i < equations.size(); i++) {
            for (var e : equations.get(i).entrySet()) {
                int j = unknowns.indexOf(e.getKey());
                if (j >= 0) {
                    a[i][j] = e.getValue();
                }
            }
        }
        int rank = rank(a);
        Set<String> recovered = new HashSet<>();
        for (int j = 0; j < unknowns.size(); j++) {
            double[][] plus = java.util.Arrays.copyOf(a, a.length + 1);
            plus[a.length] = new double[unknowns.size()];
            plus[a.length][j] = 1;
            // determined iff the unit vector adds no rank, and the unknown is not alone a free total
            if (rank(plus) == rank && !unknowns.get(j).contains("|_T|")) {
                recovered.add(unknowns.get(j));
            }
        }
        return recovered;
    }

    private static int rank(double[][] in) {
        double[][] m = new double[in.length][];
        for (int i = 0; i < in.length; i++) {
            m[i] = in[i].clone();
        }
        int rank = 0;
        int columns = m.length == 0 ? 0 : m[0].length;
        for (int c = 0; c < columns && rank < m.length; c++) {
            int pivot = -1;
            for (int r = rank; r < m.length; r++) {
                if (Math.abs(m[r][c]) > 1e-9 && (pivot < 0 || Math.abs(m[r][c]) > Math.abs(m[pivot][c]))) {
                    pivot = r;
                }
            }
            if (pivot < 0) {
                continue;
            }
            double[] t = m[pivot];
            m[pivot] = m[rank];
            m[rank] = t;
            for (int r = 0; r < m.length; r++) {
                if (r != rank && Math.abs(m[r][c]) > 1e-12) {
                    double f = m[r][c] / m[rank][c];
                    for (int k = c; k < columns; k++) {
                        m[r][k] -= f * m[rank][k];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static String key(JsonNode s, String measure) {
        return s.path("population").asText() + "|" + s.path("country").asText() + "|" + s.path("year").asInt() + "|"
                + s.path("stratum").asText() + "|" + measure;
    }

    /** A release whose yearly totals are the sums of its "all" strata, as the pipeline makes them. */
    private static ObjectNode release(List<ObjectNode> strata) {
        ObjectNode root = JSON.createObjectNode();
        root.put("releaseId", ID);
        root.put("level", 0.95);
        ArrayNode array = root.putArray("strata");
        strata.forEach(array::add);
        Map<Integer, double[]> sums = new java.util.TreeMap<>();
        for (ObjectNode s : strata) {
            if (s.path("stratum").asText().equals("all")) {
                double[] t = sums.computeIfAbsent(s.path("year").asInt(), y -> new double[2]);
                t[0] += s.path("observed").asDouble();
                t[1] += s.path("estimate").path("total").asDouble();
            }
        }
        ArrayNode totals = root.putArray("totals");
        sums.forEach((year, t) -> {
            ObjectNode n = totals.addObject();
            n.put("population", "migrant");
            n.put("year", year);
            n.put("observed", (long) t[0]);
            n.put("total", t[1]);
            n.put("stderr", 3.0);
            n.put("lower", t[1] * 0.9);
            n.put("upper", t[1] * 1.2);
            n.putArray("warnings");
        });
        return root;
    }

    private static ObjectNode stratum(String country, int year, String stratum, long observed, double total, String warning) {
        ObjectNode s = JSON.createObjectNode();
        s.put("population", "migrant");
        s.put("country", country);
        s.put("year", year);
        s.put("stratum", stratum);
        s.put("origin", "records");
        s.put("observed", observed);
        s.putArray("lists").add("A").add("B");
        s.putArray("listSizes").add(observed).add(1);
        s.putArray("patternCounts").add(0).add(observed - 1).add(0).add(1);
        ObjectNode e = s.putObject("estimate");
        e.put("model", "Chapman");
        e.put("total", total);
        e.put("stderr", 1.0);
        e.put("lower", total * 0.9);
        e.put("upper", total * 1.3);
        e.put("status", "OK");
        ArrayNode w = e.putArray("warnings");
        if (warning != null) {
            w.add(warning);
        }
        return s;
    }
}
