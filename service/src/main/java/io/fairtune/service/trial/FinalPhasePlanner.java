package io.fairtune.service.trial;

import io.fairtune.service.sampling.TrialSeeds;
import io.fairtune.service.study.Study;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Plans the final phase: the best tuning trial of each arm (highest best validation accuracy, ties to the
 * lower sample index) re-trained once per fresh seed and evaluated on the held-out test split. An arm with no
 * successful trial has nothing to re-train; the report says so. Seeds come from the study's own columns, never
 * from re-reading its spec.
 */
@Component
class FinalPhasePlanner {

    private static final Logger log = LoggerFactory.getLogger(FinalPhasePlanner.class);

    private final TrialRepository trials;

    private final Clock clock;

    FinalPhasePlanner(TrialRepository trials, Clock clock) {
        this.clock = clock;
        this.trials = trials;
    }

    /** Stores the final-phase trials as PENDING and returns how many. */
    int plan(Study study) {
        Map<Long, List<Trial>> byArm = trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(study.id()).stream()
                .filter(t -> t.phase() == TrialPhase.TUNING)
                .collect(Collectors.groupingBy(Trial::armId));
        List<Trial> planned = new ArrayList<>();
        for (List<Trial> armTrials : byArm.values()) {
            Optional<Trial> best = BestTrials.of(armTrials);
            if (best.isEmpty()) {
                continue;
            }
            for (int run = 0; run < study.finalSeeds(); run++) {
                planned.add(run(study, best.get(), run, now()));
            }
        }
        trials.saveAll(planned);
        trials.flush();
        return planned.size();
    }

    /**
     * A final run lost to infrastructure is replaced by a run with the next fresh seed, so the arm still gets the
     * seeds it was planned; at most {@code finalSeeds} replacements per arm, after which the report shows the
     * shortfall.
     */
    void replace(Study study, Trial lost) {
        List<Trial> armFinals = trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(study.id()).stream()
                .filter(t -> t.phase() == TrialPhase.FINAL && t.armId() == lost.armId())
                .toList();
        int next = armFinals.stream().mapToInt(Trial::sampleIndex).max().orElse(-1) + 1;
        if (next - study.finalSeeds() >= study.finalSeeds()) {
            log.warn(
                    "Study {}: final run {} lost; arm {} already had {} replacements, none more",
                    study.id(),
                    lost.id(),
                    lost.armId(),
                    study.finalSeeds());
            return;
        }
        Trial replacement = trials.saveAndFlush(run(study, lost, next, now()));
        log.warn(
                "Study {}: final run {} lost to infrastructure; replaced by trial {} (seed index {})",
                study.id(),
                lost.id(),
                replacement.id(),
                next);
    }

    private static Trial run(Study study, Trial source, int run, OffsetDateTime now) {
        return new Trial(
                study.id(),
                source.armId(),
                TrialPhase.FINAL,
                run,
                TrialSeeds.finalEvaluation(study.searchSeed(), run),
                source.hyperparametersJson(),
                now);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
