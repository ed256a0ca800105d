package io.fairtune.service.study.api;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.json.Json;
import io.fairtune.service.sampling.PlannedTrial;
import io.fairtune.service.sampling.TrialPlanner;
import io.fairtune.service.spec.ArmSpec;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.study.Arm;
import io.fairtune.service.study.ArmRepository;
import io.fairtune.service.study.NotStudyOwnerException;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.trial.Trial;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialQueue;
import io.fairtune.service.trial.TrialRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores a validated study with all its planned tuning trials, and queues the first of them. */
@Service
public class StudyService {

    private static final Logger log = LoggerFactory.getLogger(StudyService.class);

    private final StudyRepository studies;
    private final ArmRepository arms;
    private final TrialRepository trials;
    private final TrialQueue queue;

    private final OptimizerRegistry optimizers;
    private final Clock clock;

    StudyService(
            StudyRepository studies,
            ArmRepository arms,
            TrialRepository trials,
            TrialQueue queue,
            OptimizerRegistry optimizers,
            Clock clock) {
        this.clock = clock;
        this.optimizers = optimizers;
        this.studies = studies;
        this.arms = arms;
        this.trials = trials;
        this.queue = queue;
    }

    /** One transaction: the study, its arms, every planned trial and the first Quartz jobs, or nothing. */
    @Transactional
    public Study create(StudySpec spec, String specJson, Creator creator) {
        Study study = studies.save(new Study(
                new Study.Settings(
                        spec.name(),
                        spec.description(),
                        specJson,
                        spec.workload().toWorkload(),
                        spec.search().algorithm().specName(),
                        spec.search().seed(),
                        spec.budget().trialsPerArm(),
                        spec.budget().maxParallelTrials(),
                        spec.budget().maxAttemptsPerTrial(),
                        spec.finalEvaluation().seeds(),
                        creator.name(),
                        creator.tokenId(),
                        spec.comparisons(),
                        spec.claims(),
                        spec.labels()),
                now()));
        Map<String, Arm> armsByName = new HashMap<>();
        List<?> submittedArms = (List<?>) Json.readMap(specJson).get("arms");
        int position = 0;
        for (ArmSpec armSpec : spec.arms()) {
            Object submittedSpace = ((Map<?, ?>) submittedArms.get(position)).get("space");
            Arm arm = arms.save(
                    new Arm(study.id(), position++, armSpec, submittedSpace == null ? Map.of() : submittedSpace));
            armsByName.put(arm.name(), arm);
        }
        List<Trial> planned = new ArrayList<>();
        for (PlannedTrial point : TrialPlanner.plan(spec, optimizers)) {
            planned.add(new Trial(
                    study.id(),
                    armsByName.get(point.arm()).id(),
                    TrialPhase.TUNING,
                    point.sampleIndex(),
                    point.seed(),
                    Json.write(point.hyperparameters()),
                    now()));
        }
        trials.saveAll(planned);
        trials.flush();
        queue.advance(queue.lockStudy(study.id()));
        log.info(
                "Study {} ({}) created: {} arms x {} trials",
                study.id(),
                study.name(),
                spec.arms().size(),
                spec.budget().trialsPerArm());
        return study;
    }

    /**
     * Who submitted a study.
     *
     * @param tokenId the token it came with; null for studies the service submits itself (the demo)
     */
    public record Creator(String name, Long tokenId) {}

    /**
     * Cancels a study. A ci token may cancel only the studies it created.
     *
     * @param onlyIfCreatedBy the token that must have created the study, or null when any may cancel it
     */
    @Transactional
    public void cancel(long studyId, Long onlyIfCreatedBy) {
        Study study = queue.lockStudy(studyId);
        if (onlyIfCreatedBy != null && !onlyIfCreatedBy.equals(study.createdByTokenId())) {
            throw new NotStudyOwnerException(studyId);
        }
        queue.cancel(study);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
