package org.darkfigure.simulate;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The routes of the simulated world (codes of the standard's {@code route} list) with their mode of
 * transport and how many people one smuggling event on them moves: boats carry dozens, a car or a
 * truck a handful, a flight one to three travellers.
 */
enum SmugglingRoute {
    ANDAMAN_SEA("SEA", 10, 40),
    TIMOR_SEA("SEA", 8, 30),
    MALACCA_STRAIT("SEA", 5, 20),
    MEKONG_LAND("LAND", 2, 12),
    SOUTH_ASIA_LAND("LAND", 2, 10),
    AIR_TRANSIT("AIR", 1, 3);

    final String mode;
    final int minGroup;
    final int maxGroup;

    SmugglingRoute(String mode, int minGroup, int maxGroup) {
        this.mode = mode;
        this.minGroup = minGroup;
        this.maxGroup = maxGroup;
    }

    /** Which routes reach a default country, roughly as UNODC's regional reports describe them. */
    private static final Map<String, List<SmugglingRoute>> BY_COUNTRY = Map.of(
            "IDN", List.of(TIMOR_SEA, MALACCA_STRAIT, AIR_TRANSIT),
            "MYS", List.of(MALACCA_STRAIT, ANDAMAN_SEA, MEKONG_LAND),
            "THA", List.of(MEKONG_LAND, ANDAMAN_SEA, SOUTH_ASIA_LAND),
            "AUS", List.of(TIMOR_SEA, AIR_TRANSIT));

    /** The routes of a country, most used first; any other country gets every route. */
    static List<SmugglingRoute> of(String country) {
        return BY_COUNTRY.getOrDefault(country, List.of(values()));
    }

    /** A route of the country: the first is used about half the time, the others share the rest. */
    static SmugglingRoute draw(String country, SplittableRandom random) {
        List<SmugglingRoute> routes = of(country);
        if (routes.size() == 1 || random.nextDouble() < 0.5) {
            return routes.get(0);
        }
        return routes.get(1 + random.nextInt(routes.size() - 1));
    }

    int groupSize(SplittableRandom random) {
        return minGroup + random.nextInt(maxGroup - minGroup + 1);
    }
}
