package org.darkfigure.simulate;

import java.nio.file.Path;
import java.util.Set;
import org.darkfigure.cli.Command;
import org.darkfigure.cli.CommandLine;

/** {@code ./darkfigure simulate-registers}: a noisy multi-agency population in clear, for linkage evaluation. */
public final class RegistersCommand implements Command {

    @Override
    public String name() {
        return "simulate-registers";
    }

    @Override
    public String summary() {
        return "write a noisy multi-agency population in clear with its true person ids (to evaluate linkage)";
    }

    @Override
    public String help() {
        return """
                usage: ./darkfigure simulate-registers --out FILE.csv [--people N] [--agencies A] [--seed S]
                                                       [--country IDN] [--year 2024]

                Writes the records that A agencies of one member state make of N people in one year (one
                linkage stratum), in clear, as registers on a migration route hold them: names of Afghan, Arab,
                Bengali, Myanmar, Chinese, Vietnamese and Somali origin in their spellings or original scripts,
                in either order, with typos and dropped second names; dates of birth exact, with day and month
                swapped, a year or a day off, as placeholders (1 January, the year alone) or missing; document
                numbers now and then; sex and citizenship mostly right; some people recorded twice by one agency.
                Columns: record_id, source_id, reporting_country, detection_date, given_name, family_name,
                date_of_birth, document_number, document_country, sex, citizenship, true_person.

                Then: ./darkfigure pseudonymise FILE.csv OUT.csv --secret-file S --keep true_person
                      ./darkfigure link-eval OUT.csv --truth-column true_person

                  --out FILE      the CSV to write (clear identities: synthetic, never real people)
                  --people N      people in the population (default 5000); only those caught are written
                  --agencies A    agencies, 2 to 8 (default 5)
                  --seed S        random seed (default 42)
                  --country C     the member state (default IDN)
                  --year Y        the year (default 2024)
                """;
    }

    @Override
    public Set<String> options() {
        return Set.of("out", "people", "agencies", "seed", "country", "year");
    }

    @Override
    public int run(CommandLine args) throws Exception {
        Path out = Path.of(args.option("out").orElseThrow(() -> new CommandLine.UsageException("--out FILE is required")));
        Registers.Settings settings;
        try {
            settings = new Registers.Settings(args.intOption("people", 5000), args.intOption("agencies", 5),
                    args.longOption("seed", 42), args.option("country").orElse("IDN"), args.intOption("year", 2024));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.UsageException(e.getMessage());
        }
        int records = Registers.write(settings, out);
        System.out.printf("%d records of %d people by %d agencies -> %s%n", records, settings.people(),
                settings.agencies(), out.toAbsolutePath());
        return 0;
    }
}
