package org.darkfigure.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Issue 16: groups are joined when the evidence across them, summed, still says "one person". */
class ClusteringTest {

    @Test
    void one_doubtful_link_does_not_chain_two_namesakes_groups() {
        // 0-1 and 2-3 are two people's records, strongly linked; 1-2 is a doubtful link (odds +1 bit) between the
        // namesakes, and 0-2, 1-3 were compared and are clearly different people (-9 bits each)
        int[] a = {0, 2, 1, 0, 1};
        int[] b = {1, 3, 2, 2, 3};
        double[] odds = {12, 12, 1, -9, -9};
        UnionFind groups = Clustering.of(4, a, b, odds, 0.5);
        assertEquals(groups.find(0), groups.find(1));
        assertEquals(groups.find(2), groups.find(3));
        assertNotEquals(groups.find(1), groups.find(2), "connected components would have joined all four");
    }

    @Test
    void records_tied_by_strong_links_are_joined_despite_one_unlikely_pair() {
        // FEBRL 3's corrupted duplicates: 0-1 and 1-2 strong, 0-2 compared and unlikely (-8): +12 - 8 > 0
        int[] a = {0, 1, 0};
        int[] b = {1, 2, 2};
        double[] odds = {12, 12, -8};
        UnionFind groups = Clustering.of(3, a, b, odds, 0.5);
        assertEquals(groups.find(0), groups.find(2));
    }

    @Test
    void one_sources_records_of_one_incident_are_never_joined() {
        int[] a = {0, 1, 0};
        int[] b = {1, 2, 2};
        double[] odds = {20, 20, Clustering.NEVER};
        UnionFind groups = Clustering.of(3, a, b, odds, 0.5);
        assertEquals(groups.find(0), groups.find(1), "the stronger link (first in input order) is made");
        assertNotEquals(groups.find(0), groups.find(2));
    }

    @Test
    void the_threshold_decides_which_pairs_may_join() {
        int[] a = {0};
        int[] b = {1};
        UnionFind strict = Clustering.of(2, a, b, new double[] {1}, 0.8); // odds 2:1 is a probability of 2/3
        assertNotEquals(strict.find(0), strict.find(1));
        UnionFind lenient = Clustering.of(2, a, b, new double[] {1}, 0.5);
        assertEquals(lenient.find(0), lenient.find(1));
    }
}
