package io.fairtune.service.trial;

import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.contract.protocol.TrialAssignment;
import io.fairtune.service.json.Json;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.study.Arm;
import io.fairtune.service.study.ArmRepository;
import io.fairtune.service.study.Study;
import io.fairtune.service.study.StudyRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's side of the attempt protocol. A claim starts attempt n+1 and supersedes any earlier one; every
 * report names its attempt, and anything but the newest running attempt is answered 409, which makes Quartz's
 * at-least-once firing exactly-once in results. Every report is checked ({@link ReportRules}) before it is stored,
 * and a replay must repeat what is stored: the same report is harmless, a different one is a conflict.
 */
@Service
public class AttemptService {

    private final TrialRepository trials;
    private final AttemptRepository attempts;
    private final ArmRepository arms;
    private final StudyRepository studies;
    private final MeasurementStore measurements;
    private final TrialQueue queue;
    private final AttemptMetrics metrics;

    private final Clock clock;

    AttemptService(
            TrialRepository trials,
            AttemptRepository attempts,
            ArmRepository arms,
            StudyRepository studies,
            MeasurementStore measurements,
            TrialQueue queue,
            AttemptMetrics metrics,
            Clock clock) {
        this.clock = clock;
        this.metrics = metrics;
        this.trials = trials;
        this.attempts = attempts;
        this.arms = arms;
        this.studies = studies;
        this.measurements = measurements;
        this.queue = queue;
    }

    /**
     * Starts the next attempt; empty when the trial needs none (finished, cancelled, not queued) or has lost all
     * its attempts, in which case it ends LOST (committed, so this returns rather than throws).
     */
    @Transactional
    public Optional<TrialAssignment> claim(long trialId, AttemptClaim claim) {
        String worker = ReportRules.workerName(claim);
        Study study = queue.lockStudyOf(trialId);
        Trial trial = trials.lockById(trialId).orElseThrow();
        if (trial.status().finished() || trial.status() == TrialStatus.PENDING) {
            return Optional.empty();
        }
        if (trial.attempts() > 0) {
            attempts.findByTrialIdAndNumber(trialId, trial.attempts())
                    .filter(previous -> previous.status() == AttemptStatus.RUNNING)
                    .ifPresent(previous -> {
                        previous.end(AttemptStatus.LOST, "superseded by a new claim from " + worker, now());
                        metrics.lost("superseded");
                        metrics.ended(AttemptStatus.LOST, previous.startedAt(), now());
                    });
        }
        if (trial.attempts() >= study.maxAttemptsPerTrial()) {
            queue.endLost(study, trial);
            queue.advance(study);
            return Optional.empty();
        }
        return Optional.of(start(study, trial, worker));
    }

    @Transactional
    public void measurements(long trialId, int attempt, MeasurementBatch batch) {
        Trial trial = requireCurrent(trialId, attempt);
        Study study = studies.findById(trial.studyId()).orElseThrow();
        ReportRules.check(batch, study.workload());
        store(trialId, attempt, batch.measurements(), study);
        attempts.touch(trialId, attempt);
    }

    @Transactional
    public void heartbeat(long trialId, int attempt) {
        requireCurrent(trialId, attempt);
        attempts.touch(trialId, attempt);
    }

    @Transactional
    public void result(long trialId, int number, TrainingResult result) {
        Study study = queue.lockStudyOf(trialId);
        if (record(study, trials.lockById(trialId).orElseThrow(), number, result)) {
            queue.advance(study);
        }
    }

    /**
     * Records the result as {@link #result} does and, when the study has a trial to queue and nothing is due in its
     * trainer's pool, starts that trial's first attempt for {@code next}'s worker in the same transaction: the
     * in-process slot that reported goes straight on, without a trip through Quartz. A replayed result hands over
     * nothing. The trial has no Quartz job; if its slot dies, the sweeper finds the attempt silent and queues it.
     */
    @Transactional
    public Optional<TrialAssignment> resultAndNext(long trialId, int number, TrainingResult result, AttemptClaim next) {
        String worker = ReportRules.workerName(next);
        Study study = queue.lockStudyOf(trialId);
        if (!record(study, trials.lockById(trialId).orElseThrow(), number, result)) {
            return Optional.empty();
        }
        return queue.advanceHandingOver(study).map(trial -> {
            metrics.handedOver();
            return start(study, trial, worker);
        });
    }

    /** Checks and stores a result; false when it is a replay of the stored one, which changes nothing. */
    private boolean record(Study study, Trial trial, int number, TrainingResult result) {
        long trialId = trial.id();
        ReportRules.check(result, study.workload(), trial.phase());
        ReportRules.checkPoints(result.measurements(), study.workload());
        Attempt attempt = reportable(trial, number);
        if (attempt.status() != AttemptStatus.RUNNING) {
            if (!trial.reported(result)) {
                throw new ReportConflictException("attempt " + number + " of trial " + trialId
                        + " already reported another outcome: " + trial.status());
            }
            List<Integer> differing = measurements.differing(trialId, number, result.measurements());
            if (!differing.isEmpty()) {
                throw new ReportConflictException("attempt " + number + " of trial " + trialId
                        + " already reported other values at steps " + differing);
            }
            return false; // the same report again: already stored
        }
        if (!result.measurements().isEmpty()) {
            store(trialId, number, result.measurements(), study);
        }
        attempt.end(Transitions.attemptStatus(result.outcome()), null, now());
        metrics.ended(attempt.status(), attempt.startedAt(), now());
        trial.finish(result, now());
        return true;
    }

    @Transactional
    public void failure(long trialId, int number, AttemptFailure failure) {
        ReportRules.check(failure);
        Study study = queue.lockStudyOf(trialId);
        Trial trial = trials.lockById(trialId).orElseThrow();
        Attempt attempt = reportable(trial, number);
        if (attempt.status() != AttemptStatus.RUNNING) {
            if (!trial.reportedFailure(failure.message(), failure.cause())) {
                throw new ReportConflictException("attempt " + number + " of trial " + trialId
                        + " already reported another outcome: " + trial.status());
            }
            return;
        }
        attempt.end(AttemptStatus.FAILED, null, now());
        metrics.ended(AttemptStatus.FAILED, attempt.startedAt(), now());
        trial.fail(failure.message(), failure.cause(), now());
        queue.advance(study);
    }

    /** Starts the trial's next attempt for {@code worker}: what the worker needs to train it. */
    private TrialAssignment start(Study study, Trial trial, String worker) {
        int number = trial.startAttempt(now());
        attempts.save(new Attempt(trial.id(), number, worker, now()));
        metrics.started();
        Arm arm = arms.findById(trial.armId()).orElseThrow();
        return new TrialAssignment(
                trial.id(),
                number,
                study.id(),
                arm.name(),
                trial.phase().name(),
                trial.sampleIndex(),
                study.workload(),
                arm.optimizer(),
                arm.scheduleType(),
                Json.readMap(trial.hyperparametersJson()),
                trial.seed(),
                trial.phase() == TrialPhase.FINAL);
    }

    /** Appends checked points; a step stored with other values, or more points than the run can have, rolls back. */
    private void store(long trialId, int attempt, List<Measurement> points, Study study) {
        List<Integer> differing = measurements.append(trialId, attempt, points);
        if (!differing.isEmpty()) {
            throw new ReportConflictException("attempt " + attempt + " of trial " + trialId
                    + " already holds other values at steps " + differing);
        }
        int stored = measurements.count(trialId, attempt);
        int max = ReportRules.maxPoints(study.workload());
        if (stored > max) {
            throw new InvalidReportException(List.of(new FieldError(
                    "measurements",
                    "would give attempt " + attempt + " " + stored + " points; a run of "
                            + study.workload().trainingSteps() + " steps evaluated every "
                            + study.workload().evalEverySteps() + " steps has at most " + max)));
        }
    }

    /**
     * The trial's newest attempt, running or ended by its own outcome report (a replay); anything else is stale: a
     * superseded, lost or cancelled attempt.
     */
    private Attempt reportable(Trial trial, int number) {
        Attempt attempt = attempts.findByTrialIdAndNumber(trial.id(), number)
                .filter(a -> trial.attempts() == number)
                .orElseThrow(() -> stale(trial.id(), number));
        boolean running =
                attempt.status() == AttemptStatus.RUNNING && !trial.status().finished();
        boolean ended = attempt.status().outcome() && trial.status().charged();
        if (!running && !ended) {
            throw stale(trial.id(), number);
        }
        return attempt;
    }

    private Trial requireCurrent(long trialId, int number) {
        Trial trial = trials.findById(trialId).orElseThrow(() -> new TrialNotFoundException(trialId));
        boolean current = trial.attempts() == number
                && trial.status() == TrialStatus.RUNNING
                && attempts.findByTrialIdAndNumber(trialId, number)
                        .map(a -> a.status() == AttemptStatus.RUNNING)
                        .orElse(false);
        if (!current) {
            throw stale(trialId, number);
        }
        return trial;
    }

    /** A report for an attempt that is no longer current: refused (409), and counted as fenced. */
    private AttemptStaleException stale(long trialId, int number) {
        metrics.fenced();
        return new AttemptStaleException(trialId, number);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
