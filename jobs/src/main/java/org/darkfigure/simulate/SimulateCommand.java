package org.darkfigure.simulate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;

/** {@code ./darkfigure simulate}: writes synthetic submissions with their true totals. */
public final class SimulateCommand implements Command {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "write synthetic submissions (CSV) with a known true total per country and year";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure simulate --out DIR [--seed N] [--countries IDN,MYS,...] [--first-year Y]
                                             [--years N] [--population N] [--heterogeneity S] [--duplicates R]

                Writes DIR/submissions/<SOURCE>_<YEAR>.csv (migrant v1, one file per country, source and year),
                <SOURCE>_incident_<YEAR>.csv (incident v1: the smuggling events in which each source detected its
                migrants, with dead, missing and facilitators detected), <COUNTRY>-POLICE_offender_<YEAR>.csv and
                <COUNTRY>-PROSECUTION_offender_<YEAR>.csv (offender v1: the facilitators through the justice chain),
                DIR/submissions.csv (each file's manifest: country, source, record type, period, schema version)
                and DIR/truth.csv (true total and distinct observed people per country and year).
                Deterministic for a seed; the migrant records are the same with or without the other types.

                  --out DIR            folder to write (created)
                  --seed N             random seed (default 42)
                  --countries LIST     ISO 3166-1 alpha-3 codes (default IDN,MYS,THA,AUS)
                  --first-year Y       first year (default 2021)
                  --years N            number of years (default 4)
                  --population N       mean population per country and year (default 1500)
                  --heterogeneity S    sd of the shared capture propensity on the logit scale (default 0.8)
                  --duplicates R       chance a recorded person is recorded twice by one source (default 0.03)
                  --exact              agencies record identities without errors (default: typos, swapped name order,
                                       wrong birth dates, missing documents, as real lists have them)
                  --with-truth         add a true_person column (for ./darkfigure link-eval; not uploadable)
                  --migrants-only      write the migrant files alone, without incident_id, route and transport_mode

                Identities are drawn in clear and pseudonymised at once with a secret derived from the seed
                (./darkfigure pseudonymise's algorithm), so files carry linkage_key, lk_name_bf, lk_dob_hash,
                lk_dob_var, lk_doc_hash, lk_doc_bf as a member state's would.
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("out", "seed", "countries", "first-year", "years", "population", "heterogeneity", "duplicates");
    }

    @Override
    public Set<String> flags() {
        return Set.of("exact", "with-truth", "migrants-only");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Path out = Path.of(args.option("out").orElseThrow(() -> new CommandLine.UsageException("--out DIR is required")));
        Scenario d = Scenario.withDefaults();
        List<String> countries = args.option("countries").map(s -> Arrays.asList(s.split(","))).orElse(d.countries());
        Scenario scenario = d.withSeed(args.longOption("seed", d.seed()))
                .withCountries(countries)
                .withYears(args.intOption("first-year", d.firstYear()), args.intOption("years", d.years()))
                .withMeanPopulation(args.intOption("population", d.meanPopulation()))
                .withHeterogeneity(args.doubleOption("heterogeneity", d.heterogeneity()))
                .withDuplicateRate(args.doubleOption("duplicates", d.duplicateRate()))
                .withNoise(!args.flag("exact"));
        SimulationWriter.Summary summary = SimulationWriter.write(scenario, out, args.flag("with-truth"),
                args.flag("migrants-only") ? SimulationWriter.Records.MIGRANTS : SimulationWriter.Records.MIGRANTS_AND_DETECTIONS);
        System.out.printf("simulated %d files, %d migrant records, %d incidents, %d offender records, true population %d -> %s%n",
                summary.files(), summary.records(), summary.incidents(), summary.offenders(), summary.truePopulation(),
                out.toAbsolutePath());
        return 0;
    }
}
