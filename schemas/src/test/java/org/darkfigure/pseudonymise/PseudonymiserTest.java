package org.darkfigure.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.darkfigure.standard.Standard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymiserTest {

    private static final Keyring KEYS = new Keyring("a programme secret for tests".getBytes(StandardCharsets.UTF_8));

    @Test
    void names_are_normalised_for_case_diacritics_order_and_spacing() {
        assertEquals("jose maria garcia", NameNormaliser.normalise("  JOSÉ-María  García "));
        assertEquals("strasse oystein", NameNormaliser.normalise("Straße Øystein"));
        assertEquals(NameNormaliser.orderFree("Abdul Rahman", "Karimi"), NameNormaliser.orderFree("KARIMI, Abdul-Rahman", ""));
    }

    /** Issue 16: names in other scripts through ICU4J, their vowel signs kept; Latin names unchanged. */
    @Test
    void names_in_other_scripts_are_transliterated_and_keep_their_vowels() {
        // Thai: สมชาย (Somchai) and สมชัย differ only in a vowel sign; the normaliser used to drop vowel signs
        // (NON_SPACING_MARK), so both became one consonant skeleton and one linkage key
        String somchai = NameNormaliser.normalise("สมชาย");
        assertEquals("smchay", somchai, "ICU Thai-Latin, then ASCII");
        assertNotEquals(somchai, NameNormaliser.normalise("สมชัย"));
        // Devanagari: राम (Ram) and रीम differ by a vowel sign
        assertNotEquals(NameNormaliser.normalise("राम"), NameNormaliser.normalise("रीम"));
        assertEquals("rama", NameNormaliser.normalise("राम"));
        // traditional and simplified Chinese fold to the same pinyin; Cyrillic and Arabic to their romanisation
        assertEquals(NameNormaliser.normalise("张伟"), NameNormaliser.normalise("張偉"));
        assertEquals("zhang wei", NameNormaliser.normalise("张伟"));
        assertEquals("ivan petrov", NameNormaliser.normalise("Иван Петров"));
        assertEquals("mhmd", NameNormaliser.normalise("محمد"));
        // a Latin name never goes through ICU: its key is what it was
        assertEquals("jurgen muller", NameNormaliser.normalise("Jürgen Müller"));
    }

    /** Issue 16: spelling and transliteration variants of one name share its sound; other names do not. */
    @Test
    void spelling_variants_of_a_name_share_its_phonetic_key() {
        assertEquals(NameNormaliser.phoneticKey("Mohammed", "Abdullah"), NameNormaliser.phoneticKey("Muhammad", "Abdallah"));
        assertEquals(NameNormaliser.phoneticKey("Yusuf", "Kahn"), NameNormaliser.phoneticKey("Youssef", "Khan"));
        assertEquals(NameNormaliser.phoneticKey("Hossain", ""), NameNormaliser.phoneticKey("Hussein", ""));
        assertEquals(NameNormaliser.phoneticKey("Akter", "Somchai"), NameNormaliser.phoneticKey("Somchay", "Akhter"),
                "word order does not matter");
        // Arabic script (no short vowels) against its Latin spellings: "mhmd", "bdallh" after ICU
        assertEquals(NameNormaliser.phoneticKey("Mohammed", "Abdullah"), NameNormaliser.phoneticKey("محمد", "عبدالله"));
        assertNotEquals(NameNormaliser.phoneticKey("Mohammed", "Abdullah"), NameNormaliser.phoneticKey("Mohammed", "Karimi"));
        assertNotEquals(NameNormaliser.phoneticKey("Fatima", ""), NameNormaliser.phoneticKey("Maryam", ""));
        Pseudonymiser p = new Pseudonymiser(KEYS);
        assertEquals(p.encode("Mohammed", "Abdullah", null, null, null).get("lk_name_ph"),
                p.encode("Muhammad", "Abdallah", null, null, null).get("lk_name_ph"));
    }

    /** Issue 16: placeholders are what registers write for an unknown day or month. */
    @Test
    void placeholder_dates_of_birth_are_known_only_to_the_year_or_the_month() {
        assertEquals(new BirthDate(1990, 4, 5, BirthDate.Precision.DAY), BirthDate.parse("1990-04-05"));
        assertEquals(new BirthDate(1990, 4, 5, BirthDate.Precision.DAY), BirthDate.parse("19900405"));
        assertEquals(BirthDate.Precision.YEAR, BirthDate.parse("1990-01-01").precision(), "1 January: a placeholder");
        assertEquals(BirthDate.Precision.YEAR, BirthDate.parse("1990").precision());
        assertEquals(BirthDate.Precision.YEAR, BirthDate.parse("1990-00-00").precision());
        assertEquals(new BirthDate(1990, 7, 0, BirthDate.Precision.MONTH), BirthDate.parse("1990-07-01"));
        assertEquals(BirthDate.Precision.MONTH, BirthDate.parse("1990-07-00").precision());
        assertEquals(BirthDate.Precision.MONTH, BirthDate.parse("1990-07").precision());
        assertEquals(null, BirthDate.parse("1990-02-30"), "not a date, not a placeholder");
        assertEquals(null, BirthDate.parse("1990-00-05"));
        assertEquals(null, BirthDate.parse("5 April 1990"));
        Pseudonymiser p = new Pseudonymiser(KEYS);
        Map<String, String> placeholder = p.encode("Ali", "Reza", "1990-01-01", null, null);
        assertEquals("", placeholder.get("linkage_key"), "no key from a placeholder: namesakes born the same year");
        assertEquals("", placeholder.get("lk_dob_hash"));
        assertEquals("", placeholder.get("lk_dob_var"));
        assertEquals("1990", placeholder.get("birth_year"));
        Map<String, String> month = p.encode("Ali", "Reza", "1990-07-01", null, null);
        assertTrue(month.get("lk_dob_var").matches("\\.\\.[A-Za-z0-9_-]{22}\\."), month.get("lk_dob_var"));
    }

    /** Issue 16: the variants a clerk's error leaves equal, as keyed hashes (no encoding of the digits). */
    @Test
    void date_of_birth_variants_match_a_swapped_day_and_month_a_wrong_year_and_a_wrong_day() {
        Pseudonymiser p = new Pseudonymiser(KEYS);
        String[] date = p.encode("A", "B", "1990-04-05", null, null).get("lk_dob_var").split("\\.");
        String[] swapped = p.encode("A", "B", "1990-05-04", null, null).get("lk_dob_var").split("\\.");
        String[] yearOff = p.encode("A", "B", "1991-04-05", null, null).get("lk_dob_var").split("\\.");
        String[] dayOff = p.encode("A", "B", "1990-04-25", null, null).get("lk_dob_var").split("\\.");
        String[] monthOff = p.encode("A", "B", "1990-09-05", null, null).get("lk_dob_var").split("\\.");
        assertEquals(4, date.length);
        assertEquals(date[3], monthOff[3], "year and day");
        assertNotEquals(date[2], monthOff[2]);
        assertEquals(date[0], swapped[0], "day and month unordered");
        assertNotEquals(date[1], swapped[1]);
        assertEquals(date[1], yearOff[1], "month and day");
        assertNotEquals(date[0], yearOff[0]);
        assertEquals(date[2], dayOff[2], "year and month");
        assertNotEquals(date[0], dayOff[0]);
        Map<String, String> other = new Pseudonymiser(new Keyring("another secret, just as long".getBytes(StandardCharsets.UTF_8)))
                .encode("A", "B", "1990-04-05", null, null);
        assertNotEquals(date[0], other.get("lk_dob_var").split("\\.")[0], "keyed: another member state's differ");
    }

    @Test
    void the_same_person_gets_the_same_key_whatever_the_case_punctuation_and_word_order() {
        Pseudonymiser p = new Pseudonymiser(KEYS);
        Map<String, String> a = p.encode("Abdul Rahman", "KARIMI", "1990-04-05", "P 123-456", "AFG");
        Map<String, String> b = p.encode("karimi", "abdul-rahman", "19900405", "p123456", "afg");
        assertEquals(a, b);
        assertEquals("1990", a.get("birth_year"));
        assertEquals(43, a.get("linkage_key").length());
    }

    @Test
    void another_secret_gives_unrelated_keys_and_a_missing_birth_date_gives_no_key() {
        Map<String, String> a = new Pseudonymiser(KEYS).encode("Ali", "Reza", "1990-04-05", null, null);
        Map<String, String> b = new Pseudonymiser(new Keyring("another secret, just as long".getBytes(StandardCharsets.UTF_8)))
                .encode("Ali", "Reza", "1990-04-05", null, null);
        assertNotEquals(a.get("linkage_key"), b.get("linkage_key"));
        assertNotEquals(a.get("lk_name_bf"), b.get("lk_name_bf"));
        Map<String, String> noDate = new Pseudonymiser(KEYS).encode("Ali", "Reza", "1990-02-30", null, null);
        assertEquals("", noDate.get("linkage_key"));
        assertEquals("", noDate.get("lk_dob_hash"));
        assertFalse(noDate.get("lk_name_bf").isEmpty(), "the name is still encoded for fuzzy matching");
    }

    @Test
    void bloom_encodings_keep_similar_names_similar_and_tie_no_published_bit_to_a_bigram() {
        BloomEncoding bloom = new BloomEncoding(KEYS);
        long[] jonathan = BloomEncoding.words(bloom.encode(NameNormaliser.tokens("Jonathan", "Smith")));
        long[] typo = BloomEncoding.words(bloom.encode(NameNormaliser.tokens("Jonathon", "Smith")));
        long[] other = BloomEncoding.words(bloom.encode(NameNormaliser.tokens("Mei", "Nguyen")));
        assertEquals(BloomEncoding.LENGTH / 64, jonathan.length);
        assertEquals(1.0, BloomEncoding.similarity(jonathan, jonathan));
        double near = BloomEncoding.similarity(jonathan, typo);
        double far = BloomEncoding.similarity(jonathan, other);
        // one letter of 14 changes 3 of 15 bigrams: the levels' scale puts one typo at 0.75-0.9
        assertTrue(near > 0.7, "one letter differs: " + near);
        assertTrue(far < 0.35, "different people: " + far);
        // the diffusion layer: names that share the bigrams of "sm" share no more always-set published bits than
        // chance gives (a quarter of them for three encodings of density one half: 256 +- 14 of 2,048)
        BitSet always = BloomEncoding.decode(bloom.encode(NameNormaliser.tokens("Anna", "Smith")));
        always.and(BloomEncoding.decode(bloom.encode(NameNormaliser.tokens("Omar", "Small"))));
        always.and(BloomEncoding.decode(bloom.encode(NameNormaliser.tokens("Li", "Smart"))));
        assertTrue(always.cardinality() < 320, "bits set in all three: " + always.cardinality());
    }

    @Test
    void the_date_hash_is_bound_to_each_name_words_first_and_last_letters_so_a_stranger_born_that_day_does_not_share_it() {
        Pseudonymiser p = new Pseudonymiser(KEYS);
        String full = p.encode("Ahmed Ali", "Hassan", "1990-04-05", null, null).get("lk_dob_hash");
        String dropped = p.encode("Ahmed", "Hassan", "1990-04-05", null, null).get("lk_dob_hash");
        String swapped = p.encode("Hassan", "Ahmed", "1990-04-05", null, null).get("lk_dob_hash");
        String typo = p.encode("Ahmed", "Hasan", "1990-04-05", null, null).get("lk_dob_hash");
        String typoInTheEnds = p.encode("Ahmed", "Gassan", "1990-04-05", null, null).get("lk_dob_hash");
        String stranger = p.encode("Mei", "Nguyen", "1990-04-05", null, null).get("lk_dob_hash");
        String otherDay = p.encode("Ahmed Ali", "Hassan", "1990-04-06", null, null).get("lk_dob_hash");
        assertEquals(6, full.substring(0, full.indexOf("..")).split("\\.").length,
                "one hash of the date per word's first and last letters (ad, ai, hn) and per word's sound: " + full);
        assertTrue(Pseudonymiser.sameDate(full, dropped) && Pseudonymiser.sameDate(full, swapped)
                && Pseudonymiser.sameDate(dropped, typo) && Pseudonymiser.sameDate(dropped, typoInTheEnds),
                "one word with the same first and last letters is enough");
        assertFalse(Pseudonymiser.sameDate(full, stranger), "born the same day, other letters and sounds");
        assertTrue(Pseudonymiser.sameDate(p.encode("Rahim", "Chaudhuri", "1990-04-05", null, null).get("lk_dob_hash"),
                p.encode("Karim", "Choudhury", "1990-04-05", null, null).get("lk_dob_hash")), "a word's sound");
        assertTrue(Pseudonymiser.sameDate(p.encode("হাসান", "", "1990-04-05", null, null).get("lk_dob_hash"),
                p.encode("Hasan", "Ali", "1990-04-05", null, null).get("lk_dob_hash")), "script and Latin: the sound");
        assertFalse(Pseudonymiser.sameDate(full, otherDay));
        assertFalse(Pseudonymiser.sameDate(full, ""));
        String nameless = p.encode("", "", "1990-04-05", null, null).get("lk_dob_hash");
        assertEquals(1, nameless.split("\\.").length, "a date without a name: one hash, no near parts");
        String earlier = full.substring(0, full.indexOf(".."));
        assertTrue(Pseudonymiser.sameDate(earlier, dropped), "a value written before the near parts still compares");
        assertFalse(Pseudonymiser.nearDate(earlier, full));
    }

    @Test
    void the_near_parts_find_a_year_one_off_where_two_name_words_agree() {
        // a clerk's year one off with a name spelt differently: the variants in lk_dob_var are bound to the whole
        // name's sound and miss it (the registers' largest group of missed pairs with full dates); the near parts hash
        // the month and day with each pair of adjacent years and each pair of name words' first and last letters
        Pseudonymiser p = new Pseudonymiser(KEYS);
        String a = p.encode("Tekhejair", "Sharifi", "1996-11-24", null, null).get("lk_dob_hash");
        String yearOn = p.encode("Tekhejair", "Sfareefi", "1997-11-24", null, null).get("lk_dob_hash");
        String yearBack = p.encode("Tekhejair Ali", "Sharifi", "1995-11-24", null, null).get("lk_dob_hash");
        String twoYears = p.encode("Tekhejair", "Sharifi", "1998-11-24", null, null).get("lk_dob_hash");
        String oneWord = p.encode("Tekhejair", "Nguyen", "1997-11-24", null, null).get("lk_dob_hash");
        String otherDay = p.encode("Tekhejair", "Sharifi", "1997-11-25", null, null).get("lk_dob_hash");
        assertTrue(Pseudonymiser.nearDate(a, yearOn) && !Pseudonymiser.sameDate(a, yearOn), "a year later");
        assertTrue(Pseudonymiser.nearDate(a, yearBack), "a year earlier, a second given name added");
        assertFalse(Pseudonymiser.nearDate(a, twoYears), "two years apart");
        assertFalse(Pseudonymiser.nearDate(a, oneWord), "one name word in common is not enough");
        assertFalse(Pseudonymiser.nearDate(a, otherDay));
        assertFalse(Pseudonymiser.nearDate(p.encode("May", "", "1976-11-17", null, null).get("lk_dob_hash"),
                p.encode("Murray", "", "1975-11-17", null, null).get("lk_dob_hash")), "a one-word name has no near parts");
        assertTrue(a.length() <= 640, "the standard's length");
    }

    @Test
    void encodings_of_the_earlier_scheme_are_recognised_and_never_compared() {
        byte[] earlier = new byte[BloomEncoding.LENGTH / 8];
        java.util.Arrays.fill(earlier, (byte) 0x5a);
        String old = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(earlier);
        assertFalse(BloomEncoding.current(old));
        assertEquals(null, BloomEncoding.words(old));
        assertTrue(BloomEncoding.current(new BloomEncoding(KEYS).encode(NameNormaliser.tokens("Ali", "Reza"))));
    }

    @Test
    void the_command_drops_every_clear_identifier_and_keeps_named_columns(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("national.csv");
        Files.writeString(in, "rec_id, given_name, surname, date_of_birth, soc_sec_id, sex, postcode\n"
                + "rec-1-org, michaela, neumann, 19151111, 5304218, F, 4223\n");
        Path out = dir.resolve("out.csv");
        PseudonymiseCommand.Summary s = PseudonymiseCommand.run(in, out, new Pseudonymiser(KEYS),
                Map.of("family_name", "surname", "document_number", "soc_sec_id"), Set.of("rec_id"),
                Standard.builtIn().require("migrant", 1), ',');
        List<String> lines = Files.readAllLines(out);
        assertEquals("rec_id,sex,linkage_key,lk_name_bf,lk_name_ph,lk_dob_hash,lk_dob_var,lk_doc_hash,lk_doc_bf,birth_year", lines.get(0));
        assertTrue(lines.get(1).startsWith("rec-1-org,F,"));
        assertTrue(lines.get(1).endsWith(",1915"));
        String all = String.join("\n", lines).toLowerCase();
        for (String clear : List.of("michaela", "neumann", "19151111", "5304218", "4223")) {
            assertFalse(all.contains(clear), clear + " must not leave the member state");
        }
        assertEquals(List.of("given_name", "surname", "date_of_birth", "soc_sec_id", "postcode"), s.dropped());
    }

    @Test
    void latin1_input_is_refused_and_leaves_no_output(@TempDir Path dir) throws Exception {
        // issue 16: "Jürgen" in Latin-1 silently became "j rgen"
        Path in = dir.resolve("latin1.csv");
        Files.write(in, "rec_id,given_name,surname\nr1,J\u00fcrgen,Klein\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("out.csv");
        var e = org.junit.jupiter.api.Assertions.assertThrows(PseudonymiseCommand.NotUtf8Exception.class,
                () -> PseudonymiseCommand.run(in, out, new Pseudonymiser(KEYS), Map.of("family_name", "surname"),
                        Set.of(), Standard.builtIn().require("migrant", 1), ','));
        assertTrue(e.getMessage().contains("row 2, column given_name is not UTF-8"), e.getMessage());
    }

    @Test
    void a_binary_secret_is_used_as_it_is_and_a_text_secret_without_its_newline() {
        byte[] binary = {0, (byte) 0xff, 17, (byte) 0x80, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        org.junit.jupiter.api.Assertions.assertArrayEquals(binary, PseudonymiseCommand.secret(binary));
        org.junit.jupiter.api.Assertions.assertArrayEquals("a long text secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                PseudonymiseCommand.secret("a long text secret\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void keeping_a_column_that_may_identify_someone_is_warned(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("national.csv");
        Files.writeString(in, "rec_id,given_name,surname,father_name,sex\nr1,michaela,neumann,hans,F\n");
        PseudonymiseCommand.Summary s = PseudonymiseCommand.run(in, dir.resolve("out.csv"), new Pseudonymiser(KEYS),
                Map.of("family_name", "surname"), Set.of("rec_id", "father_name", "given_name"),
                Standard.builtIn().require("migrant", 1), ',');
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("--keep father_name: the column is carried in clear")),
                s.warnings().toString());
        assertTrue(s.warnings().stream().anyMatch(w -> w.startsWith("--keep given_name: a clear identifier is never")),
                s.warnings().toString());
    }
}
