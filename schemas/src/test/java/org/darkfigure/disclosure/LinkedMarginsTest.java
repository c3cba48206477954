package org.darkfigure.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Persons by route and by transport mode, protected together; every table below is checked by hand (T = 5). */
class LinkedMarginsTest {

    @Test
    void a_small_route_hidden_alone_would_be_its_mode_minus_the_other_routes_so_one_more_route_is_hidden() {
        // route x mode (not published)   SEA  AIR  | by route
        //   AIR_TRANSIT                    .   20   |  20
        //   MALACCA_STRAIT                50    .   |  50
        //   TIMOR_SEA                      3    .   |   3  <- primary
        //   by mode                       53   20
        // TIMOR_SEA alone hidden = SEA 53 - MALACCA 50. Linked group {TIMOR, MALACCA, SEA}: one hidden, so its
        // smallest other non-zero value (MALACCA 50 < SEA 53) is hidden too; 53 = ? + ? then tells nothing.
        LinkedMargins.Pattern p = LinkedMargins.suppress(Map.of("AIR_TRANSIT", Map.of("AIR", 20L),
                "MALACCA_STRAIT", Map.of("SEA", 50L), "TIMOR_SEA", Map.of("SEA", 3L)), 5);
        assertEquals(Map.of("AIR_TRANSIT", 20L, "MALACCA_STRAIT", 50L, "TIMOR_SEA", 3L), p.rows());
        assertEquals(Map.of("AIR", 20L, "SEA", 53L), p.columns());
        assertEquals(Set.of("TIMOR_SEA", "MALACCA_STRAIT"), p.hiddenRows());
        assertEquals(Set.of(), p.hiddenColumns());
    }

    @Test
    void a_route_that_is_its_modes_only_route_is_hidden_together_with_the_mode() {
        //   TIMOR_SEA  SEA 3   -> route 3 and mode 3 are both primary: two hidden in the group, enough
        //   AIR_TRANSIT AIR 40 -> shown
        LinkedMargins.Pattern p = LinkedMargins.suppress(Map.of("TIMOR_SEA", Map.of("SEA", 3L),
                "AIR_TRANSIT", Map.of("AIR", 40L)), 5);
        assertEquals(Set.of("TIMOR_SEA"), p.hiddenRows());
        assertEquals(Set.of("SEA"), p.hiddenColumns());
    }

    @Test
    void an_unknown_route_used_with_two_modes_links_them_into_one_group() {
        // route x mode   SEA  AIR | by route
        //   AIR_TRANSIT    .    4 |   4  <- primary
        //   TIMOR_SEA     40    . |  40
        //   UNK            2    . |   2  <- primary
        //   by mode       42    4
        // groups: {AIR_TRANSIT, AIR} = 4, 4: both primary. {TIMOR_SEA, UNK, SEA} = 40, 2, 42: UNK alone, so the
        // smallest other non-zero (TIMOR_SEA 40) is hidden too.
        LinkedMargins.Pattern p = LinkedMargins.suppress(Map.of("AIR_TRANSIT", Map.of("AIR", 4L),
                "TIMOR_SEA", Map.of("SEA", 40L), "UNK", Map.of("SEA", 2L)), 5);
        assertEquals(Set.of("AIR_TRANSIT", "UNK", "TIMOR_SEA"), p.hiddenRows());
        assertEquals(Set.of("AIR"), p.hiddenColumns());

        // the same, but UNK also has 30 by air: one group of four values, none small
        LinkedMargins.Pattern q = LinkedMargins.suppress(Map.of("TIMOR_SEA", Map.of("SEA", 40L),
                "UNK", Map.of("SEA", 2L, "AIR", 30L)), 5);
        assertEquals(Map.of("TIMOR_SEA", 40L, "UNK", 32L), q.rows());
        assertEquals(Map.of("SEA", 42L, "AIR", 30L), q.columns());
        assertEquals(Set.of(), q.hiddenRows());
        assertEquals(Set.of(), q.hiddenColumns());
    }

    @Test
    void zeros_are_shown() {
        // an incident whose persons involved were not recorded: route UNK, mode UNK, 0 persons
        LinkedMargins.Pattern p = LinkedMargins.suppress(Map.of("UNK", Map.of("UNK", 0L),
                "TIMOR_SEA", Map.of("SEA", 10L)), 5);
        assertEquals(Set.of(), p.hiddenRows());
        assertEquals(Set.of(), p.hiddenColumns());
    }
}
