package io.fairtune.service.trial;

import io.fairtune.service.study.Arm;
import io.fairtune.service.study.ArmRepository;
import io.fairtune.service.study.Study;
import io.fairtune.service.web.ApiProblem;
import io.fairtune.service.web.Json;
import io.fairtune.worker.protocol.AttemptFailure;
import io.fairtune.worker.protocol.MeasurementBatch;
import io.fairtune.worker.protocol.TrialAssignment;
import io.fairtune.worker.training.TrainingOutcome;
import io.fairtune.worker.training.TrainingResult;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's side of the attempt protocol. A claim starts attempt n+1 and supersedes any earlier one;
 * every report names its attempt, and anything but the newest running attempt is answered 409, which makes
 * Quartz's at-least-once firing exactly-once in results.
 */
@Service
public class AttemptService {

    private final TrialRepository trials;
    private final AttemptRepository attempts;
    private final ArmRepository arms;
    private final MeasurementStore measurements;
    private final TrialQueue queue;

    AttemptService(
            TrialRepository trials,
            AttemptRepository attempts,
            ArmRepository arms,
            MeasurementStore measurements,
            TrialQueue queue) {
        this.trials = trials;
        this.attempts = attempts;
        this.arms = arms;
        this.measurements = measurements;
        this.queue = queue;
    }

    /**
     * Starts the next attempt; empty when the trial needs none (finished, cancelled, not queued) or has used all
     * its attempts, in which case it ends FAILED (committed, so this returns rather than throws).
     */
    @Transactional
    public Optional<TrialAssignment> claim(long trialId, String worker) {
        Study study = queue.lockStudy(studyOf(trialId));
        Trial trial = trials.lockById(trialId).orElseThrow();
        if (trial.status().finished() || trial.status() == TrialStatus.PENDING) {
            return Optional.empty();
        }
        if (trial.attempts() > 0) {
            attempts.findByTrialIdAndNumber(trialId, trial.attempts())
                    .filter(previous -> previous.status() == AttemptStatus.RUNNING)
                    .ifPresent(
                            previous -> previous.end(AttemptStatus.LOST, "superseded by a new claim from " + worker));
        }
        if (trial.attempts() >= study.maxAttemptsPerTrial()) {
            trial.fail("no attempt left: " + trial.attempts() + " attempts were lost", null);
            queue.advance(study);
            return Optional.empty();
        }
        int number = trial.startAttempt();
        attempts.save(new Attempt(trialId, number, worker));
        Arm arm = arms.findById(trial.armId()).orElseThrow();
        return Optional.of(new TrialAssignment(
                trialId,
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
                trial.phase() == TrialPhase.FINAL));
    }

    @Transactional
    public void measurements(long trialId, int attempt, MeasurementBatch batch) {
        requireCurrent(trialId, attempt);
        measurements.append(trialId, attempt, batch.measurements());
        attempts.touch(trialId, attempt);
    }

    @Transactional
    public void heartbeat(long trialId, int attempt) {
        requireCurrent(trialId, attempt);
        attempts.touch(trialId, attempt);
    }

    @Transactional
    public void result(long trialId, int attempt, TrainingResult result) {
        if (result.outcome() == TrainingOutcome.STOPPED) {
            throw ApiProblem.badRequest("outcome", "a stopped run has no result to report");
        }
        AttemptStatus outcome =
                result.outcome() == TrainingOutcome.DIVERGED ? AttemptStatus.DIVERGED : AttemptStatus.SUCCEEDED;
        finish(trialId, attempt, outcome, trial -> trial.finish(result));
    }

    @Transactional
    public void failure(long trialId, int attempt, AttemptFailure failure) {
        finish(trialId, attempt, AttemptStatus.FAILED, trial -> trial.fail(failure.message(), failure.cause()));
    }

    private void finish(long trialId, int number, AttemptStatus outcome, Consumer<Trial> apply) {
        Study study = queue.lockStudy(studyOf(trialId));
        Trial trial = trials.lockById(trialId).orElseThrow();
        Attempt attempt = attempts.findByTrialIdAndNumber(trialId, number)
                .orElseThrow(() -> ApiProblem.conflict("trial " + trialId + " has no attempt " + number));
        if (attempt.status() == outcome && trial.attempts() == number) {
            return; // the same report again: already stored
        }
        if (attempt.status() != AttemptStatus.RUNNING
                || trial.attempts() != number
                || trial.status().finished()) {
            throw ApiProblem.conflict("attempt " + number + " of trial " + trialId + " is stale");
        }
        attempt.end(outcome, null);
        apply.accept(trial);
        queue.advance(study);
    }

    private void requireCurrent(long trialId, int number) {
        Trial trial = trials.findById(trialId).orElseThrow(() -> ApiProblem.notFound("trial " + trialId));
        boolean current = trial.attempts() == number
                && trial.status() == TrialStatus.RUNNING
                && attempts.findByTrialIdAndNumber(trialId, number)
                        .map(a -> a.status() == AttemptStatus.RUNNING)
                        .orElse(false);
        if (!current) {
            throw ApiProblem.conflict("attempt " + number + " of trial " + trialId + " is stale");
        }
    }

    private long studyOf(long trialId) {
        return trials.findById(trialId).map(Trial::studyId).orElseThrow(() -> ApiProblem.notFound("trial " + trialId));
    }
}
