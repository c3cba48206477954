package org.darkfigure.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * Writes a simulated world as a member state would send it: one migrant CSV per (country, source,
 * year) under {@code submissions/}, an index {@code submissions.csv} with each file's manifest, and
 * beside them {@code truth.csv} with the true totals. With {@link Records#MIGRANTS_AND_DETECTIONS} also
 * each source's incidents per year, the offender records per source and year (detections by the police, the
 * coast guard and immigration, and the justice chain: {@link Detections}) with {@code truth-offenders.csv}, and the
 * migrant files say which incident each record belongs to.
 */
public final class SimulationWriter {

    public static final String INDEX = "submissions.csv";
    public static final String TRUTH = "truth.csv";
    /** With detections: the true number of smugglers per country and year, and how many any agency detected. */
    public static final String TRUTH_OFFENDERS = "truth-offenders.csv";

    private SimulationWriter() {
    }

    /** Which record types to write. */
    public enum Records {
        /** The migrant lists alone, in the columns the simulator has always written (what estimation needs). */
        MIGRANTS,
        /** The migrant lists with their incident, route and transport mode, the incidents and the offenders. */
        MIGRANTS_AND_DETECTIONS
    }

    /** Files written, migrant records, the true population, incident and offender records. */
    public record Summary(int files, long records, long truePopulation, long incidents, long offenders) {
    }

    public static Summary write(Scenario scenario, Path out) throws IOException {
        return write(scenario, out, false);
    }

    public static Summary write(Scenario scenario, Path out, boolean withTruth) throws IOException {
        return write(scenario, out, withTruth, Records.MIGRANTS);
    }

    /**
     * Writes the world; with {@code withTruth} every file has an extra column {@code true_person} (the
     * simulated person's id) for evaluating the linkage: such files are not uploadable.
     */
    public static Summary write(Scenario scenario, Path out, boolean withTruth, Records which) throws IOException {
        boolean detections = which == Records.MIGRANTS_AND_DETECTIONS;
        RecordType migrant = Standard.builtIn().require("migrant", 1);
        RecordType incident = Standard.builtIn().require("incident", 1);
        RecordType offender = Standard.builtIn().require("offender", 1);
        requireColumns(migrant, SimulatedRecord.COLUMNS);
        requireColumns(migrant, INCIDENT_OF_MIGRANT);
        requireColumns(incident, SimulatedIncident.COLUMNS);
        requireColumns(offender, SimulatedOffender.COLUMNS);
        String[] migrantColumns = detections ? concat(SimulatedRecord.COLUMNS, INCIDENT_OF_MIGRANT) : SimulatedRecord.COLUMNS;
        Path folder = out.resolve("submissions");
        Files.createDirectories(folder);
        int files = 0;
        long records = 0;
        long population = 0;
        long incidents = 0;
        // offender records by country, source and year of their stage (a case may end in a later year)
        Map<String, List<SimulatedOffender>> offenders = new TreeMap<>();
        try (BufferedWriter index = Files.newBufferedWriter(out.resolve(INDEX), StandardCharsets.UTF_8);
             BufferedWriter truth = Files.newBufferedWriter(out.resolve(TRUTH), StandardCharsets.UTF_8);
             BufferedWriter smugglers = detections
                     ? Files.newBufferedWriter(out.resolve(TRUTH_OFFENDERS), StandardCharsets.UTF_8) : null) {
            index.write("file,country,source,record_type,period,schema_version\n");
            truth.write("country,year,true_total,distinct_observed,records\n");
            if (smugglers != null) {
                smugglers.write("country,year,true_total,distinct_observed\n");
            }
            for (Stratum stratum : new Simulator(scenario).eachStratum()) {
                Detections events = detections ? Detections.of(scenario, stratum) : null;
                long stratumRecords = 0;
                for (int j = 0; j < stratum.recordsBySource().size(); j++) {
                    List<SimulatedRecord> rows = stratum.recordsBySource().get(j);
                    String source = scenario.sourceId(stratum.country(), j);
                    String name = source + "_" + stratum.year() + ".csv";
                    try (BufferedWriter csv = Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8)) {
                        writeRow(csv, withTruth ? append(migrantColumns, "true_person") : migrantColumns);
                        for (SimulatedRecord r : rows) {
                            String[] values = r.csvValues();
                            if (detections) {
                                SimulatedIncident i = events.incidentOfRecord().get(r.recordId());
                                values = concat(values, new String[] {i.incidentId(), i.route(), i.transportMode()});
                            }
                            writeRow(csv, withTruth ? append(values, r.personId()) : values);
                        }
                    }
                    index.write(String.join(",", "submissions/" + name, stratum.country(), source, migrant.name(),
                            Integer.toString(stratum.year()), Integer.toString(migrant.version())) + "\n");
                    files++;
                    stratumRecords += rows.size();
                    if (detections && !rows.isEmpty()) {
                        List<SimulatedIncident> own = events.incidents().stream().filter(i -> i.sourceId().equals(source)).toList();
                        String incidentFile = source + "_incident_" + stratum.year() + ".csv";
                        writeCsv(folder.resolve(incidentFile), SimulatedIncident.COLUMNS,
                                own.stream().map(SimulatedIncident::csvValues).toList());
                        index.write(indexLine("submissions/" + incidentFile, stratum.country(), source, incident,
                                stratum.year()));
                        files++;
                        incidents += own.size();
                    }
                }
                if (detections) {
                    smugglers.write(String.join(",", stratum.country(), Integer.toString(stratum.year()),
                            Integer.toString(events.trueFacilitators()), Integer.toString(events.detectedFacilitators()))
                            + "\n");
                    for (SimulatedOffender o : events.offenders()) {
                        int year = o.stageDate().getYear();
                        if (year < scenario.firstYear() + scenario.years()) {
                            offenders.computeIfAbsent(o.sourceId() + "_offender_" + year, k -> new ArrayList<>()).add(o);
                        }
                    }
                }
                truth.write(String.join(",", stratum.country(), Integer.toString(stratum.year()),
                        Integer.toString(stratum.trueTotal()), Integer.toString(stratum.distinctObserved()),
                        Long.toString(stratumRecords)) + "\n");
                records += stratumRecords;
                population += stratum.trueTotal();
            }
            for (Map.Entry<String, List<SimulatedOffender>> e : offenders.entrySet()) {
                SimulatedOffender first = e.getValue().get(0);
                writeCsv(folder.resolve(e.getKey() + ".csv"), SimulatedOffender.COLUMNS,
                        e.getValue().stream().map(SimulatedOffender::csvValues).toList());
                index.write(indexLine("submissions/" + e.getKey() + ".csv", first.country(), first.sourceId(), offender,
                        first.stageDate().getYear()));
                files++;
            }
        }
        long offenderRecords = offenders.values().stream().mapToLong(List::size).sum();
        return new Summary(files, records, population, incidents, offenderRecords);
    }

    /** The migrant columns that tie a record to its incident (written with detections only). */
    private static final String[] INCIDENT_OF_MIGRANT = {"incident_id", "route", "transport_mode"};

    private static void requireColumns(RecordType type, String[] columns) {
        for (String column : columns) {
            type.field(column).orElseThrow(() -> new IllegalStateException(
                    "the standard has no " + type.name() + " column " + column));
        }
    }

    private static String indexLine(String file, String country, String source, RecordType type, int year) {
        return String.join(",", file, country, source, type.name(), Integer.toString(year),
                Integer.toString(type.version())) + "\n";
    }

    private static void writeCsv(Path file, String[] header, List<String[]> rows) throws IOException {
        try (BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeRow(csv, header);
            for (String[] row : rows) {
                writeRow(csv, row);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String[] append(String[] values, String last) {
        String[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }

    private static void writeRow(Writer out, String[] values) throws IOException {
        org.darkfigure.csv.CsvWriter.writeDataRow(out, java.util.Arrays.asList(values));
    }
}
