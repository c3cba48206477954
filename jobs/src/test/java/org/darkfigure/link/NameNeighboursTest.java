package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: an agreeing name is weighed by how many of the stratum's records it agrees with, and a shared
 * citizenship is not counted again on top of a name that already says the group of origin.
 */
class NameNeighboursTest {

    private static final int FIELDS = Comparison.FIELDS.size();
    private static final int NAME = Comparison.index("name");
    private static final int CITIZENSHIP = Comparison.index("citizenship");
    private static final int SAME_SOUND = 2;
    private static final int SAME = 1;
    private static final int DIFFERENT = 2;
    private static final int RECORDS = 1001;

    /** m and u of every field's levels: name same sound m 0.4, u 1e-4; citizenship same m 0.95, u 0.15. */
    private static FellegiSunter model() {
        double[][] m = new double[FIELDS][];
        double[][] u = new double[FIELDS][];
        for (int k = 0; k < FIELDS; k++) {
            int levels = Comparison.FIELDS.get(k).size();
            m[k] = new double[levels];
            u[k] = new double[levels];
            java.util.Arrays.fill(m[k], 1, levels, 1.0 / (levels - 1));
            java.util.Arrays.fill(u[k], 1, levels, 1.0 / (levels - 1));
        }
        m[NAME][SAME_SOUND] = 0.4;
        u[NAME][SAME_SOUND] = 1e-4;
        m[CITIZENSHIP] = new double[] {0, 0.95, 0.05};
        u[CITIZENSHIP] = new double[] {0, 0.15, 0.85};
        return new FellegiSunter(0.001, m, u, 1);
    }

    private static int pattern(int name, int citizenship) {
        int[] levels = new int[FIELDS];
        levels[NAME] = name;
        levels[CITIZENSHIP] = citizenship;
        return Comparison.pack(levels);
    }

    /**
     * Records 0..9 all sound alike (a common name, ten people) and share a citizenship; records 10 and 11 share a
     * rare name and nobody else has it.
     */
    private static NameNeighbours stratum(List<Long> pairs, List<Integer> patterns) {
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                pairs.add(((long) a << 32) | b);
                patterns.add(pattern(SAME_SOUND, SAME));
            }
        }
        pairs.add((10L << 32) | 11);
        patterns.add(pattern(SAME_SOUND, SAME));
        return new NameNeighbours(RECORDS, pairs.stream().mapToLong(Long::longValue).toArray(),
                patterns.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void a_name_shared_with_many_strangers_says_less_than_one_nobody_else_has() {
        NameNeighbours neighbours = stratum(new ArrayList<>(), new ArrayList<>());
        FellegiSunter model = model();
        int p = pattern(SAME_SOUND, SAME);
        assertTrue(neighbours.covers(p));
        double common = model.weight(p) + neighbours.adjustment(model, p, 0, 1, 0);
        double rare = model.weight(p) + neighbours.adjustment(model, p, 10, 11, 0);
        // the joint term log2(m_name m_cit / u_joint): ten records agree, so each has 8 others besides the pair:
        // u_joint = 8 / 1000; the rare pair has none, so the model's own expectation, capped at half a stranger
        // (here 1000 x 1e-4 x 0.15 = 0.015 strangers: u_joint is the model's u, 1.5e-5)
        assertEquals(Math.log(0.4 * 0.95 / (8 / 1000.0)) / Math.log(2), common, 1e-9);
        assertEquals(Math.log(0.4 * 0.95 / (1e-4 * 0.15)) / Math.log(2), rare, 1e-9);
        assertTrue(rare - common > 9, "a name nobody else has says far more than one ten people share");
    }

    @Test
    void where_the_model_expects_more_than_half_a_stranger_a_name_nobody_else_has_counts_half_a_stranger() {
        NameNeighbours neighbours = stratum(new ArrayList<>(), new ArrayList<>());
        FellegiSunter model = model();
        model.u()[NAME][SAME_SOUND] = 0.01; // 1000 x 0.01 x 0.15 = 1.5 strangers expected
        int p = pattern(SAME_SOUND, SAME);
        double rare = model.weight(p) + neighbours.adjustment(model, p, 10, 11, 0);
        assertEquals(Math.log(0.4 * 0.95 / (0.5 / 1000.0)) / Math.log(2), rare, 1e-9);
    }

    @Test
    void the_records_own_matches_are_not_counted_as_strangers() {
        NameNeighbours neighbours = stratum(new ArrayList<>(), new ArrayList<>());
        FellegiSunter model = model();
        int p = pattern(SAME_SOUND, SAME);
        // one matching pair per record: each record has 2 matches, 2 x 0.4 x 0.95 = 0.76 of them at this level
        double adjusted = model.weight(p) + neighbours.adjustment(model, p, 0, 1, 1.0);
        assertEquals(Math.log(0.4 * 0.95 / ((8 - 0.76) / 1000.0)) / Math.log(2), adjusted, 1e-9);
    }

    /** A name level, citizenship level and date-of-birth level. */
    private static int pattern(int name, int citizenship, int date) {
        int[] levels = new int[FIELDS];
        levels[NAME] = name;
        levels[CITIZENSHIP] = citizenship;
        levels[DATE] = date;
        return Comparison.pack(levels);
    }

    private static final int DATE = Comparison.index("date_of_birth");
    private static final int SAME_DATE = 1;
    private static final int SWAPPED = 2;
    private static final int YEAR_AND_DAY = 6;
    private static final int DIFFERENT_DATE = 11;

    @Test
    void a_persons_own_records_with_the_same_date_of_birth_do_not_make_the_name_common() {
        // fake_1000 (Splink's): "Jacob Campbell" is one person with six records; his name was weighed as one six
        // strangers share. Here records 0..5 are one person (name and date agree), 6..9 namesakes born elsewhen.
        List<Long> pairs = new ArrayList<>();
        List<Integer> patterns = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            for (int b = a + 1; b < 10; b++) {
                pairs.add(((long) a << 32) | b);
                patterns.add(pattern(SAME_SOUND, SAME, a < 6 && b < 6 ? (b == 5 ? SWAPPED : SAME_DATE)
                        : b == 9 ? YEAR_AND_DAY : DIFFERENT_DATE));
            }
        }
        NameNeighbours neighbours = new NameNeighbours(RECORDS, pairs.stream().mapToLong(Long::longValue).toArray(),
                patterns.stream().mapToInt(Integer::intValue).toArray());
        FellegiSunter model = model();
        // (record 9 shares a year and a day with the others by chance: that does not make it the same person)
        // the model's m of the date: levels 1..11 equal, so 3 of 11 agree; one match per record, 2 x 0.4 x 0.95 at
        // this name and citizenship level, of which 8/11 disagree on the date
        double own = 2 * 0.4 * 0.95 * 8 / 11.0;
        // record 0: 9 partners, 5 with the date agreeing (the pair itself among them) -> 4 strangers, as record 1
        int p = pattern(SAME_SOUND, SAME, SAME_DATE);
        assertEquals(bits(4 - own), model.weight(p) + neighbours.adjustment(model, p, 0, 1, 1.0), 1e-9);
        // a namesake born elsewhen (record 6: 9 partners, none agreeing on the date): as before, the pair left out
        int q = pattern(SAME_SOUND, SAME, DIFFERENT_DATE);
        assertEquals(bits(8 - own), model.weight(q) + neighbours.adjustment(model, q, 6, 7, 1.0), 1e-9);
        // with no date to compare, every partner counts, as before
        int r = pattern(SAME_SOUND, SAME, 0);
        assertEquals(bits(8 - 0.76), model.weight(r) + neighbours.adjustment(model, r, 0, 1, 1.0), 1e-9);
    }

    /** The joint name-and-citizenship term log2(m_L m_C / u_LC) with u_LC = strangers / 1000 (the model above). */
    private static double bits(double strangers) {
        return Math.log(0.4 * 0.95 / (strangers / 1000.0)) / Math.log(2);
    }

    @Test
    void where_training_could_not_say_how_many_matches_a_record_has_none_are_taken_out() {
        // offender records: no session trains, matches per record is NaN; the weight must stay a number
        NameNeighbours neighbours = stratum(new ArrayList<>(), new ArrayList<>());
        FellegiSunter model = model();
        int p = pattern(SAME_SOUND, SAME);
        assertEquals(neighbours.adjustment(model, p, 0, 1, 0), neighbours.adjustment(model, p, 0, 1, Double.NaN));
    }

    @Test
    void names_that_do_not_agree_keep_the_models_weight() {
        NameNeighbours neighbours = stratum(new ArrayList<>(), new ArrayList<>());
        assertFalse(neighbours.covers(pattern(4, SAME)), ">= 0.55 is not read from neighbourhoods");
        assertFalse(neighbours.covers(pattern(0, DIFFERENT)), "a missing name neither");
    }
}
