package org.darkfigure.link;

/**
 * How common a record's name is among the records it could be linked to (issue 16): for each record, how many of
 * its stratum's records its name agrees with at each agreeing name level, by whether their citizenships agree and
 * whether their dates of birth agree.
 *
 * <p>Why: a name level's u is an average over the stratum, but "Mohamed Warsame" agrees with dozens of strangers and
 * "Van An Haeehen" with none, and names agree mostly within one group of origin, so a name's agreement and a shared
 * citizenship are not independent evidence among strangers (adding both counted the group twice: about 2.6 bits on
 * the registers). The chance that a stranger agrees with a record on the name at level L and on citizenship at
 * level C is read from the record's own neighbourhood: the candidate pairs at (L, C), less the pair itself and the
 * record's expected matches there (2 x matching pairs per record x m_L x m_C), over the stratum's records; where no
 * stranger is left, the model's own expectation, at most {@link #FLOOR}. Where the pair compares dates of birth, the
 * neighbours whose date agrees as well are the record's own other records rather than strangers, and are left out
 * with them ("Jacob Campbell", six records of one person in fake_1000, had made his own name look common). Blocking puts every pair with the same
 * sound, and nearly every pair of near-equal spellings, among the candidates (or, in large strata, hands on those
 * its birth-year window leaves out: {@link StratumLinkage.Compared#of}), so the counts are complete enough for the
 * agreeing levels ({@link #LEVELS}); the weaker levels keep the model's u.
 */
public final class NameNeighbours implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** The agreeing name levels read from neighbourhoods: >= 0.95, the same sound, >= 0.75. */
    static final int LEVELS = 3;
    /** Most strangers assumed where no other record agrees (add-a-half smoothing, as Jeffreys' prior: a name nobody
     * else has is rare, not impossible, among strangers); fewer where the model itself expects fewer. */
    static final double FLOOR = 0.5;

    private static final int NAME = Comparison.index("name");
    private static final int CITIZENSHIP = Comparison.index("citizenship");
    private static final int CITIZENSHIP_LEVELS = 3;
    private static final int DATE = Comparison.index("date_of_birth");
    /**
     * The date-of-birth levels that say "the same date": the same, day and month swapped, the same day and month a year
     * apart. The weaker clerk's-error levels (the same year and month, or year and day) are left out: namesakes share
     * them by chance, and counting them in made the registers of 5,000 and 20,000 people and bench/linkage slightly
     * worse (F1 -0.0005) where these three leave no set worse.
     */
    static final int DATES_AGREE = 3;
    /** Neighbours by whether their date of birth agrees ({@link #DATES_AGREE}) or not (or is missing). */
    private static final int DATE_KINDS = 2;

    private final int[] counts;
    private final int records;

    /** No neighbours yet, for a stratum of {@code records} records; pairs are counted by {@link #add}. */
    NameNeighbours(int records) {
        this(records, records);
    }

    /**
     * No neighbours yet for {@code held} records of a stratum of {@code records} (a part of a large stratum, issue 20:
     * the parts' counts are summed per record, {@link #of}, before any pair is weighed).
     */
    NameNeighbours(int held, int records) {
        this(records, new int[held * CELLS]);
    }

    private NameNeighbours(int records, int[] counts) {
        this.records = records;
        this.counts = counts;
    }

    /** Values per record in {@link #counts(int)}. */
    public static final int CELLS = LEVELS * CITIZENSHIP_LEVELS * DATE_KINDS;

    /** Record {@code r}'s counts ({@link #CELLS} values; all zero for a record with no agreeing name). */
    public int[] counts(int r) {
        return java.util.Arrays.copyOfRange(counts, r * CELLS, (r + 1) * CELLS);
    }

    /** Neighbourhoods from each held record's full counts ({@link #CELLS} values a record, in order) in a stratum of {@code records}. */
    public static NameNeighbours of(int records, int[] counts) {
        if (counts.length % CELLS != 0) {
            throw new IllegalArgumentException("not " + CELLS + " counts a record: " + counts.length);
        }
        return new NameNeighbours(records, counts);
    }

    /** Counts, for every record, its candidate partners by agreeing name level and citizenship level. */
    NameNeighbours(int records, long[] candidates, int[] patterns) {
        this(records);
        for (int c = 0; c < candidates.length; c++) {
            add((int) (candidates[c] >>> 32), (int) candidates[c], patterns[c]);
        }
    }

    /** Counts one pair of records (each distinct pair once) with its pattern (name, citizenship and date are read). */
    void add(int i, int j, int pattern) {
        int name = Comparison.level(pattern, NAME);
        if (name < 1 || name > LEVELS) {
            return;
        }
        int cell = ((name - 1) * CITIZENSHIP_LEVELS + Comparison.level(pattern, CITIZENSHIP)) * DATE_KINDS
                + (datesAgree(pattern) ? 1 : 0);
        counts[i * CELLS + cell]++;
        counts[j * CELLS + cell]++;
    }

    private static boolean datesAgree(int pattern) {
        int date = Comparison.level(pattern, DATE);
        return date >= 1 && date <= DATES_AGREE;
    }

    /** Whether a pair's name agrees at a level read from neighbourhoods. */
    boolean covers(int pattern) {
        int name = Comparison.level(pattern, NAME);
        return name >= 1 && name <= LEVELS && records >= 2;
    }

    /**
     * Bits to add to the model's weight of a pair of records {@code i} and {@code j} whose names agree at an agreeing
     * level ({@link #covers}): the name's and the citizenship's terms replaced by one joint term, log2(m_L m_C / u_LC),
     * with u_LC from the two records' neighbourhoods (their mean).
     *
     * @param matchesPerRecord matching pairs per record (a record has twice as many matches); 0 or NaN if unknown
     */
    double adjustment(FellegiSunter model, int pattern, int i, int j, double matchesPerRecord) {
        int name = Comparison.level(pattern, NAME);
        int citizenship = Comparison.level(pattern, CITIZENSHIP);
        double m = model.m()[NAME][name];
        double u = model.u()[NAME][name];
        // no citizenship to compare: the name's own neighbourhood, whatever the neighbours' citizenship
        int c = citizenship == 0 ? -1 : citizenship;
        if (citizenship != 0) {
            m *= model.m()[CITIZENSHIP][citizenship];
            u *= model.u()[CITIZENSHIP][citizenship];
        }
        double around = (level(i, name, c) + level(j, name, c)) / 2.0;
        // leave the pair itself out (one of the neighbours is the other record), and the record's other matches
        // (none taken out where training could not say how many there are: NaN for offender records)
        double own = matchesPerRecord > 0 ? 2 * matchesPerRecord * m : 0;
        if (Comparison.level(pattern, DATE) > 0) {
            // where the pair compares dates: the neighbours whose date agrees too are the record's own other records,
            // not strangers (a person with six records in fake_1000 made his own name look common: -3 bits), and of
            // its expected matches only those whose date disagrees are left among the others
            around -= (sameDate(i, name, c) + sameDate(j, name, c)) / 2.0;
            if (datesAgree(pattern)) {
                around += 1; // the pair itself was among those taken out
            }
            own *= 1 - agreeingShare(model);
        }
        // where no stranger is seen, the model's own expectation, at most half a stranger: in a small stratum the
        // model expects far fewer than half (a name the model finds rare stays rare)
        double expected = u * (records - 1);
        double strangers = Math.max(Math.min(FLOOR, expected), around - 1 - own);
        double joint = strangers / (records - 1);
        return log2(u / joint);
    }

    /** Record {@code r}'s partners at a name level and citizenship level (-1: any citizenship level). */
    int level(int r, int name, int citizenship) {
        return partners(r, name, citizenship, 0) + partners(r, name, citizenship, 1);
    }

    /** Record {@code r}'s partners at a name level and citizenship level (-1: any) whose date of birth agrees too. */
    int sameDate(int r, int name, int citizenship) {
        return partners(r, name, citizenship, 1);
    }

    private int partners(int r, int name, int citizenship, int dates) {
        int base = r * CELLS + (name - 1) * CITIZENSHIP_LEVELS * DATE_KINDS + dates;
        if (citizenship >= 0) {
            return counts[base + citizenship * DATE_KINDS];
        }
        int sum = 0;
        for (int c = 0; c < CITIZENSHIP_LEVELS; c++) {
            sum += counts[base + c * DATE_KINDS];
        }
        return sum;
    }

    /** The share of matches that compare dates whose dates agree ({@link #DATES_AGREE}), by the model. */
    private static double agreeingShare(FellegiSunter model) {
        double agree = 0;
        double compared = 0;
        double[] m = model.m()[DATE];
        for (int l = 1; l < m.length; l++) {
            compared += m[l];
            agree += l <= DATES_AGREE ? m[l] : 0;
        }
        return compared > 0 ? agree / compared : 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
