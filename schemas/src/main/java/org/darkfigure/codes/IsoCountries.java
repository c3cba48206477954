package org.darkfigure.codes;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ISO 3166-1 alpha-3 codes as the Java runtime knows them; the standard never carries a hand copy.
 */
public final class IsoCountries {

    private static final Map<String, String> ALPHA3_NAMES = load();

    private IsoCountries() {
    }

    /** Alpha-3 code to English short name, sorted by code. */
    public static Map<String, String> alpha3Names() {
        return ALPHA3_NAMES;
    }

    private static Map<String, String> load() {
        Map<String, String> names = new TreeMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            Locale locale = new Locale("", alpha2);
            names.put(locale.getISO3Country(), locale.getDisplayCountry(Locale.ENGLISH));
        }
        // Every alpha-3 code must be named; the alpha-2 round trip covers all of them on JDK 17.
        for (String alpha3 : Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3)) {
            names.putIfAbsent(alpha3, alpha3);
        }
        return java.util.Collections.unmodifiableMap(names);
    }
}
