package io.fairtune.service.trial;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The rule that picks an arm's best point, shared by the final phase and the report. */
public final class BestTrials {

    private BestTrials() {}

    /** The succeeded trial with the highest best validation accuracy; ties go to the lower sample index. */
    public static Optional<Trial> of(List<Trial> armTuningTrials) {
        return armTuningTrials.stream()
                .filter(t -> t.phase() == TrialPhase.TUNING && t.status() == TrialStatus.SUCCEEDED)
                .filter(t -> t.bestValAccuracy() != null && Double.isFinite(t.bestValAccuracy()))
                .min(Comparator.comparing((Trial t) -> -t.bestValAccuracy()).thenComparingInt(Trial::sampleIndex));
    }
}
