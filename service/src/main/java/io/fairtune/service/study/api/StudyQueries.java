package io.fairtune.service.study.api;

import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.cluster.LiveTrainers;
import io.fairtune.service.json.Json;
import io.fairtune.service.problem.InvalidRequestException;
import io.fairtune.service.study.Arm;
import io.fairtune.service.study.ArmRepository;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyNotFoundException;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.study.api.StudyViews.ArmProgress;
import io.fairtune.service.study.api.StudyViews.AttemptView;
import io.fairtune.service.study.api.StudyViews.Budget;
import io.fairtune.service.study.api.StudyViews.PageOf;
import io.fairtune.service.study.api.StudyViews.StudyDetail;
import io.fairtune.service.study.api.StudyViews.StudySummary;
import io.fairtune.service.study.api.StudyViews.TrialDetail;
import io.fairtune.service.study.api.StudyViews.TrialSummary;
import io.fairtune.service.trial.AttemptRepository;
import io.fairtune.service.trial.MeasurementStore;
import io.fairtune.service.trial.Trial;
import io.fairtune.service.trial.TrialNotFoundException;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialRepository;
import io.fairtune.service.trial.TrialStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The read side: studies with per-arm progress, trials with their curves. */
@Service
@Transactional(readOnly = true)
public class StudyQueries {

    private final StudyRepository studies;
    private final ArmRepository arms;
    private final TrialRepository trials;
    private final AttemptRepository attempts;
    private final MeasurementStore measurements;
    private final OptimizerRegistry optimizers;
    private final LiveTrainers liveTrainers;
    private final Clock clock;

    StudyQueries(
            StudyRepository studies,
            ArmRepository arms,
            TrialRepository trials,
            AttemptRepository attempts,
            MeasurementStore measurements,
            OptimizerRegistry optimizers,
            LiveTrainers liveTrainers,
            Clock clock) {
        this.liveTrainers = liveTrainers;
        this.clock = clock;
        this.optimizers = optimizers;
        this.studies = studies;
        this.arms = arms;
        this.trials = trials;
        this.attempts = attempts;
        this.measurements = measurements;
    }

    /** Newest first; only studies carrying every one of {@code labels} when some are given. */
    public PageOf<StudySummary> list(Map<String, String> labels, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id"));
        Page<Study> found = labels.isEmpty()
                ? studies.findAll(request)
                : studies.findAll(StudyRepository.labelled(labels), request);
        List<Long> ids = found.getContent().stream().map(Study::id).toList();
        List<TrialRepository.StatusCount> counts = ids.isEmpty() ? List.of() : trials.countByArmAndStatus(ids);
        List<StudySummary> items =
                found.getContent().stream().map(study -> summary(study, counts)).toList();
        return new PageOf<>(items, page, size, found.getTotalElements());
    }

    public StudyDetail get(long id) {
        Study study = study(id);
        StudySummary summary = summary(study, trials.countByArmAndStatus(List.of(id)));
        return new StudyDetail(
                summary,
                StudyViews.WorkloadView.of(study.workload()),
                study.searchAlgorithm(),
                study.searchSeed(),
                new Budget(
                        study.trialsPerArm(),
                        study.maxParallelTrials(),
                        study.maxAttemptsPerTrial(),
                        study.finalSeeds()),
                study.createdBy(),
                Json.readMap(study.specJson()),
                waiting(study));
    }

    /** Queued trials of a running study wait for a worker with the study's trainer: say so when none is live. */
    private String waiting(Study study) {
        if (study.status().finished() || trials.countUnfinished(study.id()).queued() == 0) {
            return null;
        }
        return liveTrainers.missing(study.trainer()).orElse(null);
    }

    /** Fields a trial page may be sorted by, as the API names them, and the entity property behind each. */
    static final Map<String, String> TRIAL_SORT_FIELDS = Map.ofEntries(
            Map.entry("id", "id"),
            Map.entry("arm", "armId"),
            Map.entry("phase", "phase"),
            Map.entry("sampleIndex", "sampleIndex"),
            Map.entry("seed", "seed"),
            Map.entry("status", "status"),
            Map.entry("attempts", "attempts"),
            Map.entry("stepsCompleted", "stepsCompleted"),
            Map.entry("bestValAccuracy", "bestValAccuracy"),
            Map.entry("finalValAccuracy", "finalValAccuracy"),
            Map.entry("stepsToTarget", "stepsToTarget"),
            Map.entry("wallSeconds", "wallSeconds"),
            Map.entry("samplesPerSecond", "samplesPerSecond"),
            Map.entry("testAccuracy", "testAccuracy"),
            Map.entry("startedAt", "startedAt"),
            Map.entry("finishedAt", "finishedAt"));

    public PageOf<TrialSummary> trials(
            long studyId, String armName, TrialStatus status, TrialPhase phase, String sort, int page, int size) {
        study(studyId);
        Map<Long, Arm> armsById = armsById(studyId);
        Long armId = null;
        if (armName != null && !armName.isBlank()) {
            armId = armsById.values().stream()
                    .filter(a -> a.name().equals(armName))
                    .map(Arm::id)
                    .findFirst()
                    .orElseThrow(
                            () -> new InvalidRequestException("arm", "study " + studyId + " has no arm " + armName));
        }
        Sort defaultOrder = Sort.by("phase").descending().and(Sort.by("sampleIndex", "armId"));
        Sort order =
                sort == null || sort.isBlank() ? defaultOrder : parseSort(sort).and(defaultOrder);
        Page<Trial> found = trials.search(studyId, armId, status, phase, PageRequest.of(page, size, order));
        List<TrialSummary> items = found.getContent().stream()
                .map(t -> summary(t, armsById.get(t.armId())))
                .toList();
        return new PageOf<>(items, page, size, found.getTotalElements(), sort == null || sort.isBlank() ? null : sort);
    }

    /** Every trial of a study, tuning first, in arm and sample order (for the CSV export). */
    public List<TrialSummary> allTrials(long studyId) {
        study(studyId);
        Map<Long, Arm> armsById = armsById(studyId);
        return trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(studyId).stream()
                .map(t -> summary(t, armsById.get(t.armId())))
                .toList();
    }

    public TrialDetail trial(long trialId) {
        Trial trial = trials.findById(trialId).orElseThrow(() -> new TrialNotFoundException(trialId));
        Arm arm = arms.findById(trial.armId()).orElseThrow();
        List<AttemptView> attemptViews = attempts.findByTrialIdOrderByNumber(trialId).stream()
                .map(a -> new AttemptView(
                        a.number(),
                        a.status(),
                        a.worker(),
                        a.startedAt(),
                        a.lastHeartbeatAt(),
                        a.finishedAt(),
                        a.endReason()))
                .toList();
        return new TrialDetail(
                summary(trial, arm),
                trial.failureCause(),
                attemptViews,
                trial.attempts() == 0
                        ? List.of()
                        : StudyViews.CurvePoint.of(measurements.curve(trialId, trial.attempts())));
    }

    /** {@code field,asc|desc}; missing values sort last either way, so unfinished trials never lead. */
    private static Sort parseSort(String sort) {
        String[] parts = sort.split(",", -1);
        String property = TRIAL_SORT_FIELDS.get(parts[0].trim());
        String direction = parts.length > 1 ? parts[1].trim().toLowerCase(java.util.Locale.ROOT) : "asc";
        if (property == null || parts.length > 2 || !(direction.equals("asc") || direction.equals("desc"))) {
            throw new InvalidRequestException(
                    "sort",
                    "expected field,asc|desc with field one of " + new java.util.TreeSet<>(TRIAL_SORT_FIELDS.keySet()));
        }
        Sort.Order order = new Sort.Order(
                direction.equals("asc") ? Sort.Direction.ASC : Sort.Direction.DESC,
                property,
                Sort.NullHandling.NULLS_LAST);
        return Sort.by(order);
    }

    Study study(long id) {
        return studies.findById(id).orElseThrow(() -> new StudyNotFoundException(id));
    }

    private Map<Long, Arm> armsById(long studyId) {
        return arms.findByStudyIdOrderByPosition(studyId).stream()
                .collect(Collectors.toMap(Arm::id, Function.identity()));
    }

    private StudySummary summary(Study study, List<TrialRepository.StatusCount> counts) {
        List<ArmProgress> progress = new ArrayList<>();
        for (Arm arm : arms.findByStudyIdOrderByPosition(study.id())) {
            Map<TrialStatus, Long> tuning = new EnumMap<>(TrialStatus.class);
            Map<TrialStatus, Long> finalPhase = new EnumMap<>(TrialStatus.class);
            for (TrialRepository.StatusCount count : counts) {
                if (count.getArmId().equals(arm.id())) {
                    (count.getPhase() == TrialPhase.TUNING ? tuning : finalPhase)
                            .put(count.getStatus(), count.getCount());
                }
            }
            long finished = tuning.entrySet().stream()
                    .filter(e -> e.getKey().finished())
                    .mapToLong(Map.Entry::getValue)
                    .sum();
            // UNKNOWN for a stored arm of a plugin this service no longer has: the study still reads as stored.
            String decay = optimizers
                    .find(arm.optimizer())
                    .map(OptimizerDefinition::weightDecayKind)
                    .map(Enum::name)
                    .orElse("UNKNOWN");
            progress.add(new ArmProgress(
                    arm.id(),
                    arm.name(),
                    arm.optimizer(),
                    arm.scheduleType(),
                    decay,
                    study.trialsPerArm(),
                    finished,
                    tuning,
                    finalPhase));
        }
        OffsetDateTime end = study.finishedAt() == null ? now() : study.finishedAt();
        double duration = study.createdAt() == null
                ? 0
                : Duration.between(study.createdAt(), end).toMillis() / 1000.0;
        return new StudySummary(
                study.id(),
                study.name(),
                study.description(),
                study.status(),
                study.createdAt(),
                study.finishedAt(),
                duration,
                progress,
                study.labels().values());
    }

    private static TrialSummary summary(Trial t, Arm arm) {
        return new TrialSummary(
                t.id(),
                t.studyId(),
                arm.name(),
                arm.optimizer(),
                t.phase(),
                t.sampleIndex(),
                t.seed(),
                t.status(),
                t.attempts(),
                Json.readMap(t.hyperparametersJson()),
                t.stepsCompleted(),
                t.bestValAccuracy(),
                t.finalValAccuracy(),
                t.stepsToTarget(),
                t.wallSeconds(),
                t.samplesPerSecond(),
                t.testAccuracy(),
                t.testLoss(),
                t.failureMessage(),
                t.createdAt(),
                t.startedAt(),
                t.finishedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
