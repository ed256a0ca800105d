package io.fairtune.service.report;

import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.StudySpec;
import java.util.List;
import java.util.Optional;

/**
 * What the fairness checks read of a study's design: its arms (spaces and fixed schedule values), the pairs it
 * compares and its final-phase seeds. Built from the stored rows of a study, or from a spec just accepted.
 */
record StudyDesign(List<ArmSpec> arms, List<StudySpec.Comparison> comparisons, int finalSeeds) {

    StudyDesign {
        arms = List.copyOf(arms);
        comparisons = List.copyOf(comparisons);
    }

    static StudyDesign of(StudySpec spec) {
        return new StudyDesign(
                spec.arms(), spec.comparisons(), spec.finalEvaluation().seeds());
    }

    Optional<ArmSpec> arm(String name) {
        return arms.stream().filter(a -> a.name().equals(name)).findFirst();
    }
}
