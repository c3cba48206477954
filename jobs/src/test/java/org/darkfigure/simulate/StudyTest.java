package org.darkfigure.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulation study on few replications: the right model covers, the wrong one visibly does not. */
class StudyTest {

    @Test
    void independence_covers_independent_lists_and_fails_heterogeneous_ones() {
        List<StudyCommand.Row> independent = StudyCommand.study(StudyScenario.INDEPENDENT,
                StudyCommand.methods().get(StudyScenario.INDEPENDENT).subList(0, 1), 60, 7);
        assertTrue(independent.get(0).coverage() >= 0.85, "Mt on independent lists: " + independent.get(0));
        assertTrue(Math.abs(independent.get(0).bias()) < 0.02);
        List<StudyCommand.Row> heterogeneous = StudyCommand.study(StudyScenario.HETEROGENEOUS,
                StudyCommand.methods().get(StudyScenario.HETEROGENEOUS).subList(0, 2), 60, 7);
        assertTrue(heterogeneous.get(0).coverage() >= 0.8, "Mth Darroch under Rasch heterogeneity: " + heterogeneous.get(0));
        assertTrue(heterogeneous.get(1).coverage() <= 0.2, "Mt under heterogeneity: " + heterogeneous.get(1));
        assertTrue(heterogeneous.get(1).bias() < -0.1, "Mt underestimates under heterogeneity");
    }

    @Test
    void the_same_seed_gives_the_same_study() {
        var a = StudyCommand.study(StudyScenario.SPARSE, StudyCommand.methods().get(StudyScenario.SPARSE), 20, 3);
        var b = StudyCommand.study(StudyScenario.SPARSE, StudyCommand.methods().get(StudyScenario.SPARSE), 20, 3);
        assertEquals(a, b);
    }
}
