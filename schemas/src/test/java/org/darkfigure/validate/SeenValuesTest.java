package org.darkfigure.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenValuesTest {

    @Test
    void repeats_are_found_at_once_in_memory() {
        SeenValues seen = new SeenValues();
        assertTrue(seen.add("a", 2));
        assertTrue(seen.add("b", 3));
        assertFalse(seen.add("a", 4));
        assertEquals(List.of(), seen.finish());
    }

    @Test
    void beyond_the_memory_budget_repeats_are_found_by_merging_spilled_runs(@TempDir Path dir) throws Exception {
        List<Long> expected = new ArrayList<>();
        try (SeenValues seen = new SeenValues(10, dir, 50)) {
            List<Long> immediate = new ArrayList<>();
            for (long row = 2; row < 1002; row++) {
                String value = "id-" + row;
                if (row % 97 == 0) {
                    value = "id-" + (row - 40); // repeats a value 40 rows back
                    expected.add(row);
                } else if (row % 101 == 0) {
                    value = "id-" + (2 + row % 10); // repeats one of the first ten, kept in the table before spilling
                    expected.add(row);
                }
                if (!seen.add(value, row)) {
                    immediate.add(row);
                }
            }
            List<Long> found = new ArrayList<>(immediate);
            found.addAll(seen.finish());
            found.sort(null);
            assertEquals(expected, found);
            try (var files = Files.list(dir)) {
                assertTrue(files.count() > 1, "runs were spilled");
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "run files are removed on close");
        }
    }

    /** Whatever the values and where they repeat, the rows reported are exactly those whose value came before. */
    @Test
    void spilled_runs_find_exactly_the_repeated_rows(@TempDir Path dir) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20);
        try (SeenValues seen = new SeenValues(1_000, dir, 700)) {
            java.util.Set<String> earlier = new java.util.HashSet<>();
            List<Long> expected = new ArrayList<>();
            List<Long> found = new ArrayList<>();
            for (long row = 2; row < 20_002; row++) {
                String value = "v" + random.nextInt(30_000); // about a quarter of the rows repeat an earlier value
                if (!earlier.add(value)) {
                    expected.add(row);
                }
                if (!seen.add(value, row)) {
                    found.add(row);
                }
            }
            found.addAll(seen.finish());
            found.sort(null);
            assertEquals(expected, found);
        }
    }
}
