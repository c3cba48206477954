package org.darkfigure.link.attack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.crypto.Mac;
import org.darkfigure.pseudonymise.BloomEncoding;
import org.darkfigure.pseudonymise.Keyring;
import org.darkfigure.pseudonymise.NameNormaliser;
import org.darkfigure.pseudonymise.Pseudonymiser;
import org.darkfigure.simulate.Registers;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's known-plaintext attack, on one member state's registers (5,000 people): 1,000 records known in clear,
 * the records of 500 others read without the secret (bench/pseudonym-attack prints it at 20,000 people). The same
 * attack on a plain keyed Bloom filter (no diffusion layer) is the control: it shows the attack reads names when it
 * can, so that its failure on the published encoding means something.
 */
class KnownPlaintextAttackTest {

    private static final Keyring KEYS = new Keyring("a member state's secret".getBytes(StandardCharsets.UTF_8));

    /** The attack on records whose name encoding is replaced by {@code names} (the pseudonymiser's if null). */
    private static KnownPlaintextAttack.Outcome attack(Function<List<String>, String> names) {
        Pseudonymiser p = new Pseudonymiser(KEYS);
        List<String[]> rows = new ArrayList<>(Registers.draw(new Registers.Settings(5_000, 5, 3, "IDN", 2024)));
        Collections.shuffle(rows, new Random(5));
        List<KnownPlaintextAttack.Record> known = new ArrayList<>();
        List<KnownPlaintextAttack.Record> others = new ArrayList<>();
        Set<String> knownPeople = new HashSet<>();
        Set<String> dictionary = new TreeSet<>();
        for (String[] r : rows) {
            Map<String, String> encoded = new HashMap<>(p.encode(r[4], r[5], r[6], r[7], r[8]));
            if (names != null) {
                encoded.put("lk_name_bf", names.apply(NameNormaliser.tokens(r[4], r[5])));
            }
            KnownPlaintextAttack.Record record = new KnownPlaintextAttack.Record(r[4], r[5], r[6], encoded);
            dictionary.add(KnownPlaintextAttack.nameOf(record));
            if (known.size() < 1000) {
                known.add(record);
                knownPeople.add(r[11]);
            } else if (others.size() < 500 && !knownPeople.contains(r[11])) {
                others.add(record);
            }
        }
        return KnownPlaintextAttack.run(known, others, dictionary);
    }

    @Test
    void the_diffused_name_encoding_resists_both_readings_that_read_a_plain_bloom_filter() {
        KnownPlaintextAttack.Outcome plain = attack(KnownPlaintextAttackTest::plainBloomFilter);
        KnownPlaintextAttack.Outcome published = attack(null);
        assertTrue(published.names() > 450, published.toString());
        // the control: a keyed Bloom filter without diffusion gives most names away (95% and 47% here)
        assertTrue(share(plain.namesRecovered(), plain) > 0.6, "positions, plain filter: " + plain);
        assertTrue(share(plain.namesRecoveredStatistically(), plain) > 0.3, "statistics, plain filter: " + plain);
        // the published encoding (8% and 17% here): no bigram has positions of its own any more; what statistics reads comes from
        // the published bits that a common name word alone decides (bench/pseudonym-attack: 5.4% and 16.0% at
        // 20,000 people; the goal of 5% is not met by the statistical reading)
        assertTrue(share(published.namesRecovered(), published) < 0.12, "positions: " + published);
        assertTrue(share(published.namesRecoveredStatistically(), published) < 0.30, "statistics: " + published);
    }

    @Test
    void a_stranger_who_has_a_known_records_name_is_read_by_linkage_itself() {
        KnownPlaintextAttack.Outcome o = attack(null);
        // namesakes: other people whose name one of the 1,000 known records has (common names are common on a
        // migration route). Linking them to that record is what linkage is for, so no linkable encoding hides them: the
        // reading by linkage finds nearly all of them and nothing else, and adding it to the statistical reading reads
        // more than either alone
        assertTrue(o.namesakes() > 10, o.toString());
        assertTrue(o.namesRecoveredByLinkage() >= 0.9 * o.namesakes(), "by linkage: " + o);
        assertTrue(o.namesRecoveredByLinkage() <= o.namesakes(), "by linkage: " + o);
        assertTrue(o.namesRecoveredCombined() > o.namesRecoveredStatistically(), "combined: " + o);
        assertTrue(o.nameShare() == (double) o.namesRecoveredCombined() / o.names(), "the best reading: " + o);
    }

    @Test
    void other_peoples_dates_of_birth_are_not_read() {
        KnownPlaintextAttack.Outcome o = attack(null);
        assertTrue(o.datesOfBirth() > 250, o.toString());
        // the date variants are bound to the name's sound, and the full date's hash to each name word's first and last
        // letters: a stranger must be born the same day and share such a word with a known record. Before: 366
        // month-day hashes and the clear birth year gave 90% of dates; the date's hash alone, 4.1% of other people's
        // (bench/pseudonym-attack, 20,000 people; now 0.2% there, goal 1%)
        assertTrue(o.dateShare() <= 0.01, "dates recovered " + o);
    }

    private static double share(int recovered, KnownPlaintextAttack.Outcome o) {
        return (double) recovered / o.names();
    }

    /** A keyed Bloom filter of the name's bigrams as published before diffusion (512 bits, 20 positions a bigram). */
    private static String plainBloomFilter(List<String> tokens) {
        Mac mac = KEYS.mac("control-bits");
        byte[] bytes = new byte[1 + 512 / 8];
        bytes[0] = BloomEncoding.VERSION;
        for (String token : tokens) {
            String padded = " " + token + " ";
            for (int i = 0; i + 2 <= padded.length(); i++) {
                ByteBuffer h = ByteBuffer.wrap(mac.doFinal(padded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8)));
                long h1 = h.getInt() & 0xffffffffL;
                long h2 = h.getInt() & 0xffffffffL;
                for (int k = 0; k < 20; k++) {
                    int bit = (int) ((h1 + k * h2) % 512);
                    bytes[1 + bit / 8] |= (byte) (1 << (bit % 8));
                }
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
