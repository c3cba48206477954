package org.darkfigure.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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
 * and of names recovered, beside the goals (1% and 5% at 1,000 known records).
 */
public final class AttackBenchmark {

    private AttackBenchmark() {
    }

    public static void main(String[] args) {
        int people = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        List<String[]> rows = Registers.draw(new Registers.Settings(people, 5, 7, "IDN", 2024));
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
        Collections.shuffle(records, new Random(11));
        System.out.printf(Locale.ROOT, "%n%8s %8s %16s %12s %16s %12s%n", "known", "targets", "dates recovered", "goal",
                "names recovered", "goal");
        for (int known : new int[] {200, 500, 1000}) {
            List<KnownPlaintextAttack.Record> targets = records.subList(known, Math.min(records.size(), known + 2000));
            long t = System.nanoTime();
            KnownPlaintextAttack.Outcome o = KnownPlaintextAttack.run(records.subList(0, known), targets, dictionary);
            System.out.printf(Locale.ROOT, "%,8d %,8d %15.1f%% %12s %15.1f%% %12s   (%.1f s)%n", known, targets.size(),
                    100 * o.dateShare(), known == 1000 ? "<= 1%" : "", 100 * o.nameShare(), known == 1000 ? "<= 5%" : "",
                    (System.nanoTime() - t) / 1e9);
        }
        System.out.printf(Locale.ROOT, "(%,d records of %,d people, 5 agencies; dictionary: all %,d names of the population;"
                + " no secret used)%n", records.size(), people, dictionary.size());
    }
}
