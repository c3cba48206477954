package org.darkfigure.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.darkfigure.link.attack.KnownPlaintextAttack;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.darkfigure.simulate.Registers;

/**
 * The known-plaintext attack on the pseudonyms (bench/pseudonym-attack, issue 16): one member state's registers
 * ({@link Registers}, 20,000 people), pseudonymised with its secret; the attacker knows 200, 500 or 1,000 records in
 * clear and reads 2,000 others with a dictionary of every name in the population. Prints the share of dates of birth
 * and of names recovered (names by every reading of {@link KnownPlaintextAttack}, and the namesakes no linkable
 * encoding can hide), beside the goals (1% and 5% at 1,000 known records), over all targets and over the targets of people none of whose records is known: another
 * record of a known person carries the same keyed name and date, which linkage needs, so it is read by equality.
 */
public final class AttackBenchmark {

    private AttackBenchmark() {
    }

    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<String[]> rows = new ArrayList<>(Registers.draw(new Registers.Settings(people, 5, 7, "IDN", 2024)));
        Collections.shuffle(rows, new Random(11));
        Pseudonymiser pseudonymiser = new Pseudonymiser(new Keyring("attack bench member state secret".getBytes(
                StandardCharsets.UTF_8)));
        List<KnownPlaintextAttack.Record> records = new ArrayList<>();
        Set<String> dictionary = new TreeSet<>();
        for (String[] r : rows) {
            KnownPlaintextAttack.Record record = new KnownPlaintextAttack.Record(r[4], r[5], r[6],
                    pseudonymiser.encode(r[4], r[5], r[6], r[7], r[8]));
            records.add(record);
            dictionary.add(KnownPlaintextAttack.nameOf(record));
        }
        System.out.printf(Locale.ROOT, "%n%6s  %-22s %8s %10s %8s %10s %12s %10s %10s %8s %10s%n", "known", "targets",
                "number", "dates", "goal", "names by", "names by", "names by", "names,", "goal", "namesakes");
        System.out.printf(Locale.ROOT, "%6s  %-22s %8s %10s %8s %10s %12s %10s %10s %8s %10s%n", "", "", "", "recovered",
                "", "positions", "statistics", "linkage", "combined", "", "(floor)");
        for (int known : new int[] {200, 500, 1000}) {
            Set<String> knownPeople = new HashSet<>();
            for (String[] r : rows.subList(0, known)) {
                knownPeople.add(r[11]);
            }
            List<KnownPlaintextAttack.Record> all = new ArrayList<>();
            List<KnownPlaintextAttack.Record> strangers = new ArrayList<>();
            for (int i = known; i < Math.min(records.size(), known + 2000); i++) {
                all.add(records.get(i));
                if (!knownPeople.contains(rows.get(i)[11])) {
                    strangers.add(records.get(i));
                }
            }
            for (boolean others : new boolean[] {false, true}) {
                long t = System.nanoTime();
                KnownPlaintextAttack.Outcome o = KnownPlaintextAttack.run(records.subList(0, known), others ? strangers
                        : all, dictionary);
                boolean goal = known == 1000;
                System.out.printf(Locale.ROOT, "%,6d  %-22s %,8d %9.1f%% %8s %9.1f%% %11.1f%% %9.1f%% %9.1f%% %8s %9.1f%%"
                        + "   (%.1f s)%n", known, others ? "other people's records" : "all records", o.targets(),
                        100 * o.dateShare(), goal ? "<= 1%" : "", percent(o.namesRecovered(), o),
                        percent(o.namesRecoveredStatistically(), o), percent(o.namesRecoveredByLinkage(), o),
                        percent(o.namesRecoveredCombined(), o), goal ? "<= 5%" : "", 100 * o.namesakeShare(),
                        (System.nanoTime() - t) / 1e9);
            }
        }
        System.out.printf(Locale.ROOT, "(%,d records of %,d people, 5 agencies; dictionary: all %,d names of the population;"
                + " no secret used; namesakes: targets whose name a known record has, which any encoding that links"
                + " equal names lets an insider read)%n", records.size(), people, dictionary.size());
    }

    private static double percent(int recovered, KnownPlaintextAttack.Outcome o) {
        return 100.0 * recovered / Math.max(1, o.names());
    }
}
