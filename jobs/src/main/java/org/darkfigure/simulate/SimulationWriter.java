package org.darkfigure.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * Writes a simulated world as a member state would send it: one migrant CSV per (country, source,
 * year) under {@code submissions/}, an index {@code submissions.csv} with each file's manifest, and
 * beside them {@code truth.csv} with the true totals.
 */
public final class SimulationWriter {

    public static final String INDEX = "submissions.csv";
    public static final String TRUTH = "truth.csv";

    private SimulationWriter() {
    }

    public record Summary(int files, long records, long truePopulation) {
    }

    public static Summary write(Scenario scenario, Path out) throws IOException {
        return write(scenario, out, false);
    }

    /**
     * Writes the world; with {@code withTruth} every file has an extra column {@code true_person} (the
     * simulated person's id) for evaluating the linkage: such files are not uploadable.
     */
    public static Summary write(Scenario scenario, Path out, boolean withTruth) throws IOException {
        RecordType migrant = Standard.builtIn().require("migrant", 1);
        for (String column : SimulatedRecord.COLUMNS) {
            migrant.field(column).orElseThrow(() -> new IllegalStateException("the standard has no migrant column " + column));
        }
        Path folder = out.resolve("submissions");
        Files.createDirectories(folder);
        int files = 0;
        long records = 0;
        long population = 0;
        try (BufferedWriter index = Files.newBufferedWriter(out.resolve(INDEX), StandardCharsets.UTF_8);
             BufferedWriter truth = Files.newBufferedWriter(out.resolve(TRUTH), StandardCharsets.UTF_8)) {
            index.write("file,country,source,record_type,period,schema_version\n");
            truth.write("country,year,true_total,distinct_observed,records\n");
            for (Stratum stratum : new Simulator(scenario).strata()) {
                long stratumRecords = 0;
                for (int j = 0; j < stratum.recordsBySource().size(); j++) {
                    List<SimulatedRecord> rows = stratum.recordsBySource().get(j);
                    String source = scenario.sourceId(stratum.country(), j);
                    String name = source + "_" + stratum.year() + ".csv";
                    try (BufferedWriter csv = Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8)) {
                        writeRow(csv, withTruth ? append(SimulatedRecord.COLUMNS, "true_person") : SimulatedRecord.COLUMNS);
                        for (SimulatedRecord r : rows) {
                            writeRow(csv, withTruth ? append(r.csvValues(), r.personId()) : r.csvValues());
                        }
                    }
                    index.write(String.join(",", "submissions/" + name, stratum.country(), source, migrant.name(),
                            Integer.toString(stratum.year()), Integer.toString(migrant.version())) + "\n");
                    files++;
                    stratumRecords += rows.size();
                }
                truth.write(String.join(",", stratum.country(), Integer.toString(stratum.year()),
                        Integer.toString(stratum.trueTotal()), Integer.toString(stratum.distinctObserved()),
                        Long.toString(stratumRecords)) + "\n");
                records += stratumRecords;
                population += stratum.trueTotal();
            }
        }
        return new Summary(files, records, population);
    }

    private static String[] append(String[] values, String last) {
        String[] out = java.util.Arrays.copyOf(values, values.length + 1);
        out[values.length] = last;
        return out;
    }

    private static void writeRow(Writer out, String[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            String v = values[i] == null ? "" : values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
                out.write('"');
                out.write(v.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(v);
            }
        }
        out.write('\n');
    }
}
