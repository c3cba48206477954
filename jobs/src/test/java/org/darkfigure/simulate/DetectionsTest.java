package org.darkfigure.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkfigure.read.CsvRowReader;
import org.darkfigure.read.RawRecord;
import org.darkfigure.standard.Standard;
import org.darkfigure.validate.ManifestCheck;
import org.darkfigure.submission.SubmissionManifest;
import org.darkfigure.validate.RecordValidator;
import org.darkfigure.validate.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated incidents and offenders: valid submissions, consistent with the migrant lists, seeded. */
class DetectionsTest {

    private final Scenario small = Scenario.withDefaults().withCountries(List.of("IDN", "MYS")).withYears(2023, 2)
            .withMeanPopulation(400);

    @Test
    void every_written_file_passes_the_intakes_validation(@TempDir Path out) throws Exception {
        SimulationWriter.Summary summary = SimulationWriter.write(small, out, false,
                SimulationWriter.Records.MIGRANTS_AND_DETECTIONS);
        assertTrue(summary.incidents() > 0 && summary.offenders() > 0, summary.toString());
        List<String> index = Files.readAllLines(out.resolve(SimulationWriter.INDEX));
        assertEquals(summary.files() + 1, index.size());
        Map<String, Long> rowsByType = new HashMap<>();
        for (String line : index.subList(1, index.size())) {
            String[] f = line.split(",");
            SubmissionManifest manifest = new SubmissionManifest(f[1], f[2], f[3], f[4], f[5]);
            ValidationReport report = validate(manifest, out.resolve(f[0]));
            assertTrue(report.accepted(), f[0] + ": " + report.problems());
            rowsByType.merge(f[3], report.rowsRead(), Long::sum);
        }
        assertEquals(summary.records(), rowsByType.get("migrant"));
        assertEquals(summary.incidents(), rowsByType.get("incident"));
        assertEquals(summary.offenders(), rowsByType.get("offender"));
    }

    @Test
    void the_migrant_records_are_the_same_with_or_without_detections(@TempDir Path out) throws Exception {
        SimulationWriter.write(small, out.resolve("plain"));
        SimulationWriter.write(small, out.resolve("full"), false, SimulationWriter.Records.MIGRANTS_AND_DETECTIONS);
        List<String> plain = Files.readAllLines(out.resolve("plain/submissions/IDN-POLICE_2023.csv"));
        List<String> full = Files.readAllLines(out.resolve("full/submissions/IDN-POLICE_2023.csv"));
        assertEquals(plain.size(), full.size());
        for (int i = 0; i < plain.size(); i++) {
            assertTrue(full.get(i).startsWith(plain.get(i) + ","), "row " + i + " keeps its values and adds the incident");
        }
        assertEquals(Files.readAllLines(out.resolve("plain/truth.csv")), Files.readAllLines(out.resolve("full/truth.csv")));
    }

    @Test
    void each_incident_counts_its_recorded_migrants_and_its_dead_and_missing() {
        Stratum stratum = new Simulator(small.withMeanPopulation(3000)).stratum("IDN", 2023);
        Detections d = Detections.of(small, stratum);
        assertEquals(d, Detections.of(small, stratum), "seeded");
        Map<String, Integer> recorded = new HashMap<>();
        for (List<SimulatedRecord> source : stratum.recordsBySource()) {
            for (SimulatedRecord r : source) {
                SimulatedIncident i = d.incidentOfRecord().get(r.recordId());
                assertEquals(r.sourceId(), i.sourceId(), "a source's records belong to its own incidents");
                recorded.merge(i.incidentId(), 1, Integer::sum);
            }
        }
        Set<String> ids = new HashSet<>();
        for (SimulatedIncident i : d.incidents()) {
            assertTrue(ids.add(i.incidentId()));
            assertEquals(i.personsInvolved(), recorded.get(i.incidentId()) + i.dead() + i.missing(), i.incidentId());
        }
        assertTrue(d.incidents().stream().anyMatch(i -> i.dead() + i.missing() > 0), "some events have dead or missing");
        assertTrue(d.incidents().stream().map(SimulatedIncident::route).distinct().count() >= 2, "several routes");
    }

    @Test
    void smugglers_are_detected_independently_and_the_justice_chain_narrows_from_arrests_to_convictions() {
        Detections d = Detections.of(small, new Simulator(small.withMeanPopulation(3000)).stratum("MYS", 2023));
        Map<String, Long> byStage = new HashMap<>();
        d.offenders().forEach(o -> byStage.merge(o.stage(), 1L, Long::sum));
        // three detection lists (police, coast guard, immigration), each a capture of some of the true facilitators
        Map<String, Long> detections = new HashMap<>();
        d.offenders().stream().filter(o -> o.stage().equals("SUSPECTED"))
                .forEach(o -> detections.merge(o.sourceId(), 1L, Long::sum));
        assertEquals(java.util.Set.of("MYS-POLICE", "MYS-COASTGUARD", "MYS-IMMIGRATION"), detections.keySet());
        // people by their name encoding and birth year: the offender key is empty for a date on the 1st of a month,
        // which the pseudonymiser takes for a placeholder
        long detected = d.offenders().stream().filter(o -> o.stage().equals("SUSPECTED"))
                .map(o -> o.nameBloomFilter() + "|" + o.birthYear()).distinct().count();
        assertEquals(d.detectedFacilitators(), detected);
        assertTrue(detected < d.trueFacilitators(), "some smugglers are never detected: " + d.trueFacilitators());
        // no detection list lies inside another: each has people the others missed
        for (String list : detections.keySet()) {
            java.util.Set<String> own = keys(d, list);
            java.util.Set<String> others = new java.util.HashSet<>();
            detections.keySet().stream().filter(l -> !l.equals(list)).forEach(l -> others.addAll(keys(d, l)));
            assertTrue(own.stream().anyMatch(k -> !others.contains(k)), list + " has people only it detected");
        }
        assertTrue(detected > byStage.get("ARRESTED"));
        assertTrue(byStage.get("ARRESTED") > byStage.get("PROSECUTED"));
        assertTrue(byStage.get("PROSECUTED") > byStage.get("CONVICTED"));
        assertTrue(d.offenders().stream().allMatch(o -> o.stage().equals("CONVICTED") == (o.sentenceMonths() != null)));
    }

    private static java.util.Set<String> keys(Detections d, String source) {
        return d.offenders().stream().filter(o -> o.stage().equals("SUSPECTED") && o.sourceId().equals(source))
                .map(SimulatedOffender::offenderKey).collect(java.util.stream.Collectors.toSet());
    }

    private static ValidationReport validate(SubmissionManifest manifest, Path file) throws Exception {
        ValidationReport.Collector collector = ValidationReport.collector();
        ManifestCheck.Checked checked = ManifestCheck.check(Standard.builtIn(), manifest).checked()
                .orElseThrow(() -> new AssertionError("manifest refused: " + manifest));
        try (RecordValidator validator = new RecordValidator(Standard.builtIn(), checked, collector);
             InputStream in = Files.newInputStream(file);
             CsvRowReader reader = new CsvRowReader(in, ',')) {
            if (validator.acceptHeader(reader.next())) {
                long n = 0;
                for (RawRecord r; (r = reader.next()) != null; n++) {
                    validator.acceptRow(r);
                }
                validator.finish();
                collector.rowsRead(n);
            }
        }
        return collector.build();
    }
}
