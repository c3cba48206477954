package org.darkfigure.link.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.darkfigure.simulate.Registers;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's known-plaintext attack, on one member state's registers (5,000 people): 1,000 records known in clear,
 * 500 others read without the secret. What it recovers today is the yardstick for hardening (bench/pseudonym-attack
 * prints it at 20,000 people): the keyed date hashes leak only where a known record has the same date; the Bloom
 * filter of name bigrams is read for most names (the goal of 5% is not met: see the README).
 */
class KnownPlaintextAttackTest {

    private static KnownPlaintextAttack.Outcome attack() {
        Pseudonymiser p = new Pseudonymiser(new Keyring("a member state's secret".getBytes(StandardCharsets.UTF_8)));
        List<KnownPlaintextAttack.Record> records = new ArrayList<>();
        Set<String> dictionary = new TreeSet<>();
        for (String[] r : Registers.draw(new Registers.Settings(5_000, 5, 3, "IDN", 2024))) {
            KnownPlaintextAttack.Record record = new KnownPlaintextAttack.Record(r[4], r[5], r[6], p.encode(r[4], r[5],
                    r[6], r[7], r[8]));
            records.add(record);
            dictionary.add(KnownPlaintextAttack.nameOf(record));
        }
        Collections.shuffle(records, new Random(5));
        return KnownPlaintextAttack.run(records.subList(0, 1000), records.subList(1000, 1500), dictionary);
    }

    @Test
    void dates_of_birth_leak_only_through_equal_dates_and_names_through_the_bloom_filter() {
        KnownPlaintextAttack.Outcome o = attack();
        assertTrue(o.datesOfBirth() > 250 && o.names() > 450, o.toString());
        // the date variants are bound to the name's sound: without that, a dictionary of 366 month-day hashes and the
        // clear birth year gave 90% of dates; what is left is the full-date hash shared with a known record: another
        // record of the same person (1,000 of 6,800 records here are known, so many people have one) or a stranger
        // born the same day (18% here; 7.7% at 20,000 people in bench/pseudonym-attack)
        assertTrue(o.dateShare() <= 0.25, "dates recovered " + o.dateShare());
        // the attack is real: it reads most names from lk_name_bf (the encoding still has to be hardened)
        assertTrue(o.nameShare() >= 0.5, "names recovered " + o.nameShare());
    }
}
