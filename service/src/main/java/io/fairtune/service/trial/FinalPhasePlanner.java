package io.fairtune.service.trial;

import io.fairtune.service.sampling.TrialPlanner;
import io.fairtune.service.spec.StudySpecParser;
import io.fairtune.service.study.Study;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Plans the final phase: the best tuning trial of each arm (highest best validation accuracy, ties to the
 * lower sample index) re-trained once per fresh seed and evaluated on the held-out test split. An arm with no
 * successful trial has nothing to re-train; the report says so.
 */
@Component
class FinalPhasePlanner {

    private final TrialRepository trials;

    FinalPhasePlanner(TrialRepository trials) {
        this.trials = trials;
    }

    /** Stores the final-phase trials as PENDING and returns how many. */
    int plan(Study study) {
        long[] seeds = TrialPlanner.finalSeeds(StudySpecParser.parse(study.specJson()));
        Map<Long, List<Trial>> byArm = trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(study.id()).stream()
                .filter(t -> t.phase() == TrialPhase.TUNING)
                .collect(Collectors.groupingBy(Trial::armId));
        List<Trial> planned = new ArrayList<>();
        for (List<Trial> armTrials : byArm.values()) {
            Optional<Trial> best = BestTrials.of(armTrials);
            if (best.isEmpty()) {
                continue;
            }
            for (int k = 0; k < seeds.length; k++) {
                Trial b = best.get();
                planned.add(new Trial(study.id(), b.armId(), TrialPhase.FINAL, k, seeds[k], b.hyperparametersJson()));
            }
        }
        trials.saveAll(planned);
        trials.flush();
        return planned.size();
    }
}
