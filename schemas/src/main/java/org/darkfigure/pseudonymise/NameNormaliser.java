package org.darkfigure.pseudonymise;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts names in one canonical form before they are hashed, so that the same person written by two
 * agencies gives the same key. Names with letters of a script other than Latin are first transliterated by
 * ICU4J (issue 16): traditional Chinese to simplified, then any script to Latin, then Latin to ASCII ("張偉" and
 * "张伟" both give "zhang wei"; Thai, Devanagari, Bengali and Myanmar vowel signs become Latin vowels instead of
 * being dropped, so different people no longer collapse onto one consonant skeleton; Arabic and Cyrillic become
 * their standard romanisations). Latin names skip this step and keep exactly their earlier form. Then: Unicode
 * compatibility decomposition with diacritics removed, letters
 * without a decomposition transliterated (ß -> ss, Ø -> o, Ł -> l ...), lower case, anything but
 * letters and digits turned into spaces, and spaces collapsed. {@link #tokens} splits into words;
 * {@link #orderFree} sorts them and joins them, so "Abdul Rahman Karimi" and "KARIMI, Abdul-Rahman"
 * give the same string (word order does not matter). Spacing inside a name ("Abdulrahman") changes
 * the exact key; the Bloom-filter encoding, built from the same bigrams either way, still finds it.
 */
public final class NameNormaliser {

    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('œ', "oe"), Map.entry('ø', "o"), Map.entry('ł', "l"),
            Map.entry('đ', "d"), Map.entry('ð', "d"), Map.entry('þ', "th"), Map.entry('ı', "i"), Map.entry('ħ', "h"),
            Map.entry('ŋ', "n"), Map.entry('ŧ', "t"));

    /**
     * ICU's transform, one per thread (a Transliterator keeps no state between calls but is not documented as
     * safe to share). Hant-Hans first: Han-Latin reads simplified and traditional characters alike, but folding
     * first makes the variants identical before romanisation.
     */
    private static final ThreadLocal<com.ibm.icu.text.Transliterator> TO_LATIN = ThreadLocal.withInitial(
            () -> com.ibm.icu.text.Transliterator.getInstance("Hant-Hans; Any-Latin; Latin-ASCII"));

    private NameNormaliser() {
    }

    /** Whether a name has a letter of a script other than Latin (common and inherited characters do not count). */
    static boolean otherScript(String name) {
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x250) { // Basic Latin to Latin Extended-B, IPA excluded: nothing to transliterate
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.COMMON
                    && script != Character.UnicodeScript.INHERITED) {
                return true;
            }
        }
        return false;
    }

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        if (otherScript(name)) {
            name = TO_LATIN.get().transliterate(name);
        }
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder mapped = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            String special = SPECIAL.get(c);
            mapped.append(special != null ? special : String.valueOf(c));
        }
        String decomposed = Normalizer.normalize(mapped, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean space = true;
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                out.append(c);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        return out.toString().strip();
    }

    public static List<String> tokens(String... names) {
        List<String> tokens = new ArrayList<>();
        for (String name : names) {
            String n = normalise(name);
            if (!n.isEmpty()) {
                tokens.addAll(Arrays.asList(n.split(" ")));
            }
        }
        return tokens;
    }

    /**
     * The name's sound, order-free (issue 16): each word's Double Metaphone code (Commons Codec; Philips 2000, made
     * for names of many origins), sorted, space-separated. "Mohammed Abdullah" and "Muhammad Abdallah", "Yusuf Kahn"
     * and "Youssef Khan", "Hossain" and "Hussein" share it. Two changes to the codes, because romanisations of
     * Arabic, Persian and Bengali names differ exactly there: an H is dropped (Arabic script has no short vowels,
     * so محمد romanises to "mhmd", whose code keeps no H where "Mohammed"'s does) and so is a leading vowel
     * marker (ʿAbdullah romanises to "bdallh"). Empty when no word has a code.
     */
    public static String phoneticKey(String... names) {
        List<String> codes = new ArrayList<>();
        org.apache.commons.codec.language.DoubleMetaphone metaphone = METAPHONE.get();
        for (String token : tokens(names)) {
            String code = metaphone.doubleMetaphone(token);
            if (code == null) {
                continue;
            }
            code = code.replace("H", "");
            if (code.startsWith("A")) {
                code = code.substring(1);
            }
            if (!code.isEmpty()) {
                codes.add(code);
            }
        }
        codes.sort(null);
        return String.join(" ", codes);
    }

    /** Double Metaphone keeps a code length per instance: one per thread, codes up to 12 letters. */
    private static final ThreadLocal<org.apache.commons.codec.language.DoubleMetaphone> METAPHONE =
            ThreadLocal.withInitial(() -> {
                var m = new org.apache.commons.codec.language.DoubleMetaphone();
                m.setMaxCodeLen(12);
                return m;
            });

    /** All name parts, sorted and concatenated: independent of word order and of spacing inside a name. */
    public static String orderFree(String... names) {
        List<String> tokens = tokens(names);
        tokens.sort(null);
        return String.join("", tokens);
    }
}
