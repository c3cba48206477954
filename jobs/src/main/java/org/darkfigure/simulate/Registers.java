package org.darkfigure.simulate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.darkfigure.csv.CsvWriter;

/**
 * A noisy multi-agency population in one stratum (issue 16), in clear, with the true person of every record: the
 * test bed for linkage on migrant registers. People come from several groups of origin with their own names and
 * scripts ({@link NameBook}); each agency catches a person with a probability that varies between people, and
 * writes what it hears: a spelling of each name or the original script, names in either order, a dropped second
 * given name, a typo; a date of birth that is exact, swapped (day and month), a year off, a day off, a placeholder
 * (1 January, the year alone) for people who do not know theirs, or nothing; a document number now and then; sex
 * and citizenship, mostly right. Some people are recorded twice by one agency. Deterministic for a seed.
 */
public final class Registers {

    /** The columns written, clear identities first (./darkfigure pseudonymise reads them), the truth last. */
    public static final List<String> COLUMNS = List.of("record_id", "source_id", "reporting_country", "detection_date",
            "given_name", "family_name", "date_of_birth", "document_number", "document_country", "sex", "citizenship",
            "true_person");

    /** The agencies and how often each catches an average person. */
    private static final List<String> AGENCIES = List.of("POLICE", "IMMIGRATION", "COASTGUARD", "NGO", "HEALTH",
            "BORDERGUARD", "SHELTER", "PROSECUTION");
    private static final double[] CATCH = {0.30, 0.35, 0.18, 0.22, 0.12, 0.25, 0.15, 0.10};
    /** How often each agency writes a name in its original script (NGOs and health services more than police). */
    private static final double[] SCRIPT = {0.10, 0.05, 0.10, 0.30, 0.25, 0.05, 0.30, 0.05};

    public record Settings(int people, int agencies, long seed, String country, int year) {
        public Settings {
            if (people < 1 || agencies < 2 || agencies > AGENCIES.size()) {
                throw new IllegalArgumentException("registers need at least 1 person and 2 to " + AGENCIES.size()
                        + " agencies");
            }
        }
    }

    /** A person as they are: names, true date of birth and how well they know it, document, sex, group. */
    private record Person(String id, NameBook.Group group, List<NameBook.Name> given, NameBook.Name family,
                          LocalDate birth, Knowledge knows, String document, String sex, double propensity) {
    }

    private enum Knowledge { DATE, YEAR, NOTHING }

    private static final com.ibm.icu.text.Transliterator SIMPLIFIED =
            com.ibm.icu.text.Transliterator.getInstance("Hant-Hans");

    private Registers() {
    }

    /** The records, each as the {@link #COLUMNS} values; only people caught by some agency appear. */
    public static List<String[]> draw(Settings s) {
        SplittableRandom random = new SplittableRandom(Simulator.mix(s.seed(), s.country().hashCode(), s.year()));
        List<String[]> out = new ArrayList<>();
        int serial = 0;
        for (int p = 0; p < s.people(); p++) {
            Person person = person(random, "P" + p, s.year());
            for (int a = 0; a < s.agencies(); a++) {
                double logit = Math.log(CATCH[a] / (1 - CATCH[a])) + person.propensity();
                if (random.nextDouble() >= 1 / (1 + Math.exp(-logit))) {
                    continue;
                }
                int copies = random.nextDouble() < 0.05 ? 2 : 1; // recorded twice by one agency
                LocalDate first = LocalDate.of(s.year(), 1, 1).plusDays(random.nextInt(365));
                for (int c = 0; c < copies; c++) {
                    LocalDate day = c == 0 ? first : first.plusDays(1 + random.nextInt(30));
                    if (day.getYear() != s.year()) {
                        day = first;
                    }
                    out.add(record(random, person, a, s, day, "R" + (serial++)));
                }
            }
        }
        return out;
    }

    public static int write(Settings s, Path file) throws IOException {
        List<String[]> rows = draw(s);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try (BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            CsvWriter.writeDataRow(csv, COLUMNS);
            for (String[] row : rows) {
                CsvWriter.writeDataRow(csv, Arrays.asList(row));
            }
        }
        return rows.size();
    }

    private static Person person(SplittableRandom random, String id, int year) {
        NameBook.Group group = NameBook.group(random);
        List<NameBook.Name> given = new ArrayList<>();
        given.add(random.nextDouble() < 0.6 ? NameBook.common(random, group.given()) : NameBook.made(random));
        if (random.nextDouble() < 0.2) {
            given.add(random.nextDouble() < 0.6 ? NameBook.common(random, group.given()) : NameBook.made(random));
        }
        NameBook.Name family = random.nextDouble() < 0.6 ? NameBook.common(random, group.family()) : NameBook.made(random);
        LocalDate birth = LocalDate.of(year - 15 - random.nextInt(40), 1, 1).plusDays(random.nextInt(365));
        double k = random.nextDouble();
        Knowledge knows = k < 0.75 ? Knowledge.DATE : k < 0.9 ? Knowledge.YEAR : Knowledge.NOTHING;
        String document = random.nextDouble() < 0.35 ? String.format("P%07d", random.nextInt(10_000_000)) : null;
        String sex = random.nextDouble() < 0.3 ? "F" : "M";
        return new Person(id, group, given, family, birth, knows, document, sex, 0.8 * Simulator.gaussian(random));
    }

    private static String[] record(SplittableRandom random, Person p, int agency, Settings s, LocalDate day, String id) {
        boolean script = random.nextDouble() < SCRIPT[agency];
        List<String> givenParts = new ArrayList<>();
        for (int i = 0; i < p.given().size(); i++) {
            if (i > 0 && random.nextDouble() < 0.3) {
                continue; // the second given name dropped
            }
            givenParts.add(write(random, p.given().get(i), script));
        }
        String given = String.join(" ", givenParts);
        String family = write(random, p.family(), script);
        if (!script && random.nextDouble() < 0.08) {
            given = Identity.typo(given, random);
        }
        if (!script && random.nextDouble() < 0.06) {
            family = Identity.typo(family, random);
        }
        if (random.nextDouble() < 0.10) { // family name written first
            String t = given;
            given = family;
            family = t;
        }
        String document = p.document() != null && random.nextDouble() < 0.6
                ? (random.nextDouble() < 0.03 ? Identity.typo(p.document(), random) : p.document()) : null;
        String sex = random.nextDouble() < 0.03 ? "" : random.nextDouble() < 0.005 ? (p.sex().equals("F") ? "M" : "F") : p.sex();
        String citizenship = random.nextDouble() < 0.08 ? ""
                : random.nextDouble() < 0.03 ? NameBook.group(random).citizenship() : p.group().citizenship();
        return new String[] {id, s.country() + "-" + AGENCIES.get(agency), s.country(), day.toString(), given, family,
                birth(random, p), document == null ? "" : document, document == null ? "" : p.group().citizenship(), sex,
                citizenship, p.id()};
    }

    /** One name as an agency writes it: a spelling (the common one more often), or the original script. */
    private static String write(SplittableRandom random, NameBook.Name name, boolean script) {
        if (script && name.script() != null) {
            boolean han = Character.UnicodeScript.of(name.script().codePointAt(0)) == Character.UnicodeScript.HAN;
            return han && random.nextBoolean() ? SIMPLIFIED.transliterate(name.script()) : name.script();
        }
        List<String> latin = name.latin();
        return random.nextDouble() < 0.5 ? latin.get(0) : latin.get(random.nextInt(latin.size()));
    }

    /** The date of birth as recorded, given what the person knows of it. */
    private static String birth(SplittableRandom random, Person p) {
        LocalDate b = p.birth();
        double r = random.nextDouble();
        return switch (p.knows()) {
            case DATE -> {
                if (r < 0.08) {
                    yield "";
                }
                if (r < 0.13 && b.getDayOfMonth() <= 12 && b.getDayOfMonth() != b.getMonthValue()) {
                    yield LocalDate.of(b.getYear(), b.getDayOfMonth(), b.getMonthValue()).toString();
                }
                if (r < 0.17) {
                    yield b.plusYears(random.nextBoolean() ? 1 : -1).toString();
                }
                if (r < 0.20) {
                    int day = 2 + random.nextInt(b.lengthOfMonth() - 1);
                    yield b.withDayOfMonth(day).toString();
                }
                yield b.toString();
            }
            case YEAR -> r < 0.6 ? b.getYear() + "-01-01" : r < 0.8 ? Integer.toString(b.getYear()) : "";
            case NOTHING -> r < 0.6 ? "" : (b.getYear() - 2 + random.nextInt(5)) + "-01-01";
        };
    }
}
