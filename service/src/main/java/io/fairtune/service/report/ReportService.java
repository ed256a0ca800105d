package io.fairtune.service.report;

import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.json.Json;
import io.fairtune.service.report.Report.ArmReport;
import io.fairtune.service.report.Report.BestOfK;
import io.fairtune.service.report.Report.BestTrial;
import io.fairtune.service.report.Report.Comparison;
import io.fairtune.service.report.Report.Effort;
import io.fairtune.service.report.Report.FinalPhase;
import io.fairtune.service.report.Report.FinalRun;
import io.fairtune.service.report.stats.Estimate;
import io.fairtune.service.report.stats.ExpectedMax;
import io.fairtune.service.report.stats.ExpectedMaxInterval;
import io.fairtune.service.report.stats.MeanDifference;
import io.fairtune.service.report.stats.Quantiles;
import io.fairtune.service.report.stats.Summary;
import io.fairtune.service.spec.StudySpec;
import io.fairtune.service.study.Arm;
import io.fairtune.service.study.ArmRepository;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyNotFoundException;
import io.fairtune.service.study.StudyRepository;
import io.fairtune.service.study.api.StudyViews.CurvePoint;
import io.fairtune.service.study.api.StudyViews.WorkloadView;
import io.fairtune.service.trial.BestTrials;
import io.fairtune.service.trial.MeasurementStore;
import io.fairtune.service.trial.Trial;
import io.fairtune.service.trial.TrialPhase;
import io.fairtune.service.trial.TrialRepository;
import io.fairtune.service.trial.TrialStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a study's report from its stored rows (Nado et al. 2021; Dodge et al. 2019). Bootstrap resampling
 * is seeded from the study seed, so the same rows always give the same report.
 */
@Service
public class ReportService {

    private final StudyRepository studies;
    private final ArmRepository arms;
    private final TrialRepository trials;
    private final MeasurementStore measurements;
    private final JdbcTemplate jdbc;
    private final OptimizerRegistry optimizers;

    private final Clock clock;

    private final Timer computation;

    ReportService(
            StudyRepository studies,
            ArmRepository arms,
            TrialRepository trials,
            MeasurementStore measurements,
            JdbcTemplate jdbc,
            MeterRegistry registry,
            OptimizerRegistry optimizers,
            Clock clock) {
        this.clock = clock;
        this.optimizers = optimizers;
        this.computation = Timer.builder("fairtune.report.duration")
                .description("time to compute a study's report from its stored rows")
                .register(registry);
        this.studies = studies;
        this.arms = arms;
        this.trials = trials;
        this.measurements = measurements;
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Report report(long studyId) {
        return computation.record(() -> compute(studyId));
    }

    private Report compute(long studyId) {
        Study study = studies.findById(studyId).orElseThrow(() -> new StudyNotFoundException(studyId));
        List<Arm> studyArms = arms.findByStudyIdOrderByPosition(studyId);
        Map<Long, List<Trial>> byArm = trials.findByStudyIdOrderByPhaseDescArmIdAscSampleIndexAsc(studyId).stream()
                .collect(Collectors.groupingBy(Trial::armId));
        Map<Long, Integer> lost = lostAttemptsByArm(studyId);

        List<ArmReport> armReports = new ArrayList<>();
        Map<String, double[]> tuningValues = new HashMap<>();
        Map<String, double[]> finalAccuracies = new HashMap<>();
        for (Arm arm : studyArms) {
            List<Trial> all = byArm.getOrDefault(arm.id(), List.of());
            List<Trial> tuning =
                    all.stream().filter(t -> t.phase() == TrialPhase.TUNING).toList();
            List<Trial> finals =
                    all.stream().filter(t -> t.phase() == TrialPhase.FINAL).toList();
            double[] values = bestOfKValues(tuning);
            tuningValues.put(arm.name(), values);
            List<BestOfK> bestOfK = bestOfKCurve(values);
            Optional<Trial> best = BestTrials.of(tuning);
            FinalPhase finalPhase = finalPhase(finals, best, study.workload().targetValue());
            if (finalPhase != null && finalPhase.summary() != null) {
                finalAccuracies.put(arm.name(), finalTestAccuracies(finals));
            }
            armReports.add(new ArmReport(
                    arm.name(),
                    arm.optimizer(),
                    arm.scheduleType(),
                    weightDecayKind(arm.optimizer()),
                    arm.tunedHyperparameters(),
                    Json.readMap(arm.spaceJson()),
                    effort(study, tuning, lost.getOrDefault(arm.id(), 0)),
                    best.map(this::bestTrial).orElse(null),
                    bestOfK,
                    finalPhase));
        }
        ClaimJudge.Samples samples = new ClaimJudge.Samples(finalAccuracies, tuningValues);
        Report.ClaimFamily claims = ClaimJudge.judge(study.claims(), samples);
        List<Comparison> comparisons = ClaimJudge.explore(study.comparisons(), samples, MeanDifference.MIN_SEEDS);
        return new Report(
                study.id(),
                study.name(),
                study.status(),
                now(),
                new Report.Target(
                        study.workload().targetMetric(), study.workload().targetValue()),
                WorkloadView.of(study.workload()),
                study.searchAlgorithm(),
                study.searchSeed(),
                study.labels().values(),
                armReports,
                claims,
                comparisons,
                FairnessChecks.of(
                        study.workload(),
                        new StudyDesign(
                                studyArms.stream().map(Arm::design).toList(), study.comparisons(), study.finalSeeds()),
                        armReports));
    }

    /** The exact best-of-k curve, with a 95% band only where its coverage was measured. */
    static List<BestOfK> bestOfKCurve(double[] values) {
        double[] curve = ExpectedMax.curve(values);
        List<BestOfK> points = new ArrayList<>(curve.length);
        for (int k = 1; k <= curve.length; k++) {
            Optional<Estimate> band = ExpectedMaxInterval.of(values, k, ClaimJudge.EXPLORATORY_CONFIDENCE);
            points.add(new BestOfK(
                    k,
                    curve[k - 1],
                    band.map(Estimate::lower).orElse(null),
                    band.map(Estimate::upper).orElse(null)));
        }
        return points;
    }

    /**
     * Each charged tuning trial at its best validation accuracy; diverged and failed trials count as 0. Trials lost
     * to infrastructure are not draws of the arm's tuning and are left out.
     */
    static double[] bestOfKValues(List<Trial> tuning) {
        return tuning.stream()
                .filter(t -> t.status().charged())
                .mapToDouble(t -> t.status() == TrialStatus.SUCCEEDED
                                && t.bestValAccuracy() != null
                                && Double.isFinite(t.bestValAccuracy())
                        ? t.bestValAccuracy()
                        : 0.0)
                .toArray();
    }

    private static double[] finalTestAccuracies(List<Trial> finals) {
        return finals.stream()
                .filter(t -> t.status() == TrialStatus.SUCCEEDED && t.testAccuracy() != null)
                .mapToDouble(Trial::testAccuracy)
                .filter(Double::isFinite)
                .toArray();
    }

    private static Effort effort(Study study, List<Trial> tuning, int lostAttempts) {
        Map<TrialStatus, Long> counts =
                tuning.stream().collect(Collectors.groupingBy(Trial::status, Collectors.counting()));
        long steps = 0;
        double seconds = 0;
        for (Trial t : tuning) {
            steps += t.stepsCompleted() == null ? 0 : t.stepsCompleted();
            seconds += t.wallSeconds() == null || !Double.isFinite(t.wallSeconds()) ? 0 : t.wallSeconds();
        }
        int unfinished = (int) (counts.getOrDefault(TrialStatus.PENDING, 0L)
                + counts.getOrDefault(TrialStatus.QUEUED, 0L)
                + counts.getOrDefault(TrialStatus.RUNNING, 0L));
        return new Effort(
                study.trialsPerArm(),
                counts.getOrDefault(TrialStatus.SUCCEEDED, 0L).intValue(),
                counts.getOrDefault(TrialStatus.DIVERGED, 0L).intValue(),
                counts.getOrDefault(TrialStatus.FAILED, 0L).intValue(),
                counts.getOrDefault(TrialStatus.CANCELLED, 0L).intValue(),
                counts.getOrDefault(TrialStatus.LOST, 0L).intValue(),
                unfinished,
                lostAttempts,
                steps,
                seconds);
    }

    private BestTrial bestTrial(Trial trial) {
        return new BestTrial(
                trial.id(),
                trial.sampleIndex(),
                trial.bestValAccuracy(),
                trial.stepsToTarget(),
                Json.readMap(trial.hyperparametersJson()),
                CurvePoint.of(measurements.curve(trial.id(), trial.attempts())));
    }

    private static FinalPhase finalPhase(List<Trial> finals, Optional<Trial> source, double target) {
        if (finals.isEmpty()) {
            return null;
        }
        List<FinalRun> runs = finals.stream()
                .map(t -> new FinalRun(t.id(), t.seed(), t.status(), t.testAccuracy(), t.stepsToTarget()))
                .toList();
        double[] accuracies = finalTestAccuracies(finals);
        Report.Distribution summary = null;
        if (accuracies.length > 0) {
            Summary s = Summary.of(accuracies, target);
            summary = new Report.Distribution(
                    s.n(),
                    s.min(),
                    s.q1(),
                    s.median(),
                    s.q3(),
                    s.max(),
                    s.mean(),
                    s.standardDeviation(),
                    s.fractionReachingTarget());
        }
        double[] steps = finals.stream()
                .filter(t -> t.stepsToTarget() != null)
                .mapToDouble(Trial::stepsToTarget)
                .toArray();
        return new FinalPhase(
                source.map(Trial::id).orElse(-1L), runs, summary, steps.length == 0 ? null : Quantiles.median(steps));
    }

    /** The pairs the study looks at: its exploratory comparisons and its claims. */
    private static List<StudySpec.Comparison> comparedPairs(Study study) {
        java.util.LinkedHashSet<StudySpec.Comparison> pairs = new java.util.LinkedHashSet<>(study.comparisons());
        study.claims().forEach(c -> pairs.add(new StudySpec.Comparison(c.candidate(), c.baseline())));
        return List.copyOf(pairs);
    }

    private Map<Long, Integer> lostAttemptsByArm(long studyId) {
        Map<Long, Integer> lost = new LinkedHashMap<>();
        jdbc.query(
                "select t.arm_id, count(*) from attempt a join trial t on t.id = a.trial_id"
                        + " where t.study_id = ? and t.phase = 'TUNING' and a.status = 'LOST' group by t.arm_id",
                rs -> {
                    lost.put(rs.getLong(1), rs.getInt(2));
                },
                studyId);
        return lost;
    }

    /** UNKNOWN for a stored arm of a plugin this service no longer has: the report still renders. */
    private String weightDecayKind(String optimizer) {
        return optimizers
                .find(optimizer)
                .map(OptimizerDefinition::weightDecayKind)
                .map(Enum::name)
                .orElse("UNKNOWN");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
