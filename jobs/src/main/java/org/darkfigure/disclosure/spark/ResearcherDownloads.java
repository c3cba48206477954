package org.darkfigure.disclosure.spark;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.darkfigure.codes.CodeList;
import org.darkfigure.disclosure.MicrodataForm;
import org.darkfigure.link.spark.LinkStage;
import org.darkfigure.link.spark.LinkedPopulation;
import org.darkfigure.manifest.StageReport;
import org.darkfigure.spark.StageContext;
import org.darkfigure.spark.Staged;
import org.darkfigure.standard.RecordType;
import org.darkfigure.standard.Standard;

/**
 * The stage that makes the researcher downloads (persons and each record type's records, disclosure-controlled,
 * k from the run's parameters) under {@code research/}; its report says what was released and withheld.
 */
public final class ResearcherDownloads {

    private ResearcherDownloads() {
    }

    public static Staged<Void> release(StageContext ctx, Standard standard, Map<String, Dataset<Row>> harmonised,
                                       Map<String, LinkStage.Linked> linkages) throws IOException {
        long t = System.nanoTime();
        ResearchExport export = new ResearchExport(ctx.storage(), ctx.working(), ctx.parameters().k());
        Map<String, Dataset<Row>> persons = new LinkedHashMap<>();
        Map<String, LinkedPopulation> populations = new LinkedHashMap<>();
        for (LinkedPopulation population : LinkedPopulation.ALL) {
            if (linkages.containsKey(population.recordType())) {
                persons.put(population.recordType(), ctx.spark().read().parquet(ctx.path(population.persons())));
                populations.put(population.recordType(), population);
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        ResearchExport.Released p = export.persons(persons);
        if (p != null) {
            counts.put("persons_released", p.rows());
            counts.put("persons_withheld", p.withheld());
        }
        CodeList ageBands = standard.requireCodeList("age_band");
        for (Map.Entry<String, Dataset<Row>> e : harmonised.entrySet()) {
            RecordType type = standard.recordTypes().stream().filter(rt -> rt.name().equals(e.getKey())).findFirst()
                    .orElseThrow();
            if (type.listColumns().isPresent()) {
                continue; // aggregated capture-history tables are not microdata
            }
            LinkedPopulation population = populations.get(e.getKey());
            Dataset<Row> memberships = population == null ? null
                    : ctx.spark().read().parquet(ctx.path(population.memberships()));
            ResearchExport.Released r = export.records(type, MicrodataForm.of(type, ageBands), e.getValue(),
                    population == null ? null : population.recordIdColumn(), e.getKey(), memberships);
            counts.put(type.name() + "_released", r.rows());
            counts.put(type.name() + "_withheld", r.withheld());
        }
        export.writeIndex(ctx.releaseId());
        return new Staged<>(null, new StageReport("disclose", counts, Staged.seconds(t), List.of()),
                List.of(ResearchExport.FOLDER));
    }
}
