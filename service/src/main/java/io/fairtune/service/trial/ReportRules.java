package io.fairtune.service.trial;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.AttemptClaim;
import io.fairtune.contract.protocol.AttemptFailure;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.MeasurementBatch;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.service.problem.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker may report about its attempt, checked against the trial's workload before anything is stored. A
 * worker is trusted to train, not to be right: a bug or a forged report must not become data.
 *
 * <ul>
 *   <li>A curve point is at a step {@code 1..trainingSteps}; an attempt holds at most one point per evaluation
 *       ({@code trainingSteps / evalEverySteps}) plus the point of a diverging step.
 *   <li>Accuracies lie in [0, 1] or are NaN (a diverged network); losses are ≥ 0, NaN or +∞; learning rates and
 *       times are finite and ≥ 0.
 *   <li>A result names its outcome (SUCCEEDED or DIVERGED). A run that succeeded trained every step and was
 *       evaluated; a diverged one stopped at the step that diverged. Only final-phase runs that succeeded carry
 *       a test accuracy: tuning never sees the test split.
 * </ul>
 */
final class ReportRules {

    static final int MAX_WORKER_NAME = 200;
    static final int MAX_MESSAGE = 2_000;
    static final int MAX_CAUSE = 16_000;

    private ReportRules() {}

    /** The most curve points one attempt of this workload can produce. */
    static int maxPoints(Workload workload) {
        return workload.trainingSteps() / workload.evalEverySteps() + 1;
    }

    static String workerName(AttemptClaim claim) {
        List<FieldError> errors = new ArrayList<>();
        String worker = claim == null ? null : claim.worker();
        if (worker == null || worker.isBlank()) {
            errors.add(new FieldError("worker", "is required: the node and slot that claims the trial"));
        } else {
            text(errors, "worker", worker, MAX_WORKER_NAME, false);
        }
        throwIfAny(errors);
        return worker;
    }

    static void check(MeasurementBatch batch, Workload workload) {
        if (batch == null
                || batch.measurements() == null
                || batch.measurements().isEmpty()) {
            throw new InvalidReportException(List.of(new FieldError("measurements", "must list at least one point")));
        }
        checkPoints(batch.measurements(), workload);
    }

    /** The points of a batch, or those a result carries; the field is {@code measurements} in both bodies. */
    static void checkPoints(List<Measurement> points, Workload workload) {
        List<FieldError> errors = new ArrayList<>();
        int max = maxPoints(workload);
        if (points.size() > max) {
            throw new InvalidReportException(List.of(new FieldError(
                    "measurements",
                    "holds " + points.size() + " points; an attempt of " + workload.trainingSteps()
                            + " steps evaluated every " + workload.evalEverySteps() + " steps has at most " + max)));
        }
        Map<Integer, Measurement> bySteps = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            String at = "measurements[" + i + "]";
            Measurement m = points.get(i);
            if (m == null) {
                errors.add(new FieldError(at, "must be a point, got null"));
                continue;
            }
            if (required(errors, at + ".step", m.step())) {
                if (m.step() < 1 || m.step() > workload.trainingSteps()) {
                    errors.add(new FieldError(
                            at + ".step", "must be a step in [1, " + workload.trainingSteps() + "], got " + m.step()));
                }
                Measurement earlier = bySteps.putIfAbsent(m.step(), m);
                if (earlier != null && !earlier.equals(m)) {
                    errors.add(new FieldError(at + ".step", "step " + m.step() + " appears twice with other values"));
                }
            }
            loss(errors, at + ".trainLoss", m.trainLoss());
            loss(errors, at + ".validationLoss", m.validationLoss());
            accuracy(errors, at + ".validationAccuracy", m.validationAccuracy(), true);
            nonNegative(errors, at + ".learningRate", m.learningRate());
            nonNegative(errors, at + ".elapsedSeconds", m.elapsedSeconds());
        }
        throwIfAny(errors);
    }

    static void check(TrainingResult result, Workload workload, TrialPhase phase) {
        List<FieldError> errors = new ArrayList<>();
        if (result == null) {
            throw new InvalidReportException(List.of(new FieldError("", "a result body is required")));
        }
        TrainingOutcome outcome = result.outcome();
        if (outcome == null) {
            errors.add(new FieldError("outcome", "is required: SUCCEEDED or DIVERGED"));
        } else if (outcome == TrainingOutcome.STOPPED) {
            errors.add(new FieldError("outcome", "a stopped run has no result to report: SUCCEEDED or DIVERGED"));
        }
        int steps = workload.trainingSteps();
        if (required(errors, "stepsCompleted", result.stepsCompleted())) {
            int completed = result.stepsCompleted();
            if (outcome == TrainingOutcome.SUCCEEDED && completed != steps) {
                errors.add(new FieldError(
                        "stepsCompleted", "a run that succeeded trained all " + steps + " steps, got " + completed));
            } else if (completed < 1 || completed > steps) {
                errors.add(new FieldError("stepsCompleted", "must be in [1, " + steps + "], got " + completed));
            }
        }
        boolean succeeded = outcome == TrainingOutcome.SUCCEEDED;
        // A diverged run may stop before its first evaluation, so its accuracies may be NaN.
        accuracy(errors, "bestValidationAccuracy", result.bestValidationAccuracy(), !succeeded);
        accuracy(errors, "finalValidationAccuracy", result.finalValidationAccuracy(), !succeeded);
        if (result.bestValidationAccuracy() != null
                && result.finalValidationAccuracy() != null
                && result.finalValidationAccuracy() > result.bestValidationAccuracy()) {
            errors.add(new FieldError(
                    "finalValidationAccuracy",
                    "exceeds bestValidationAccuracy (" + result.bestValidationAccuracy() + ")"));
        }
        if (result.stepsToTarget() != null) {
            int limit = result.stepsCompleted() == null ? steps : Math.min(steps, result.stepsCompleted());
            if (result.stepsToTarget() < 1 || result.stepsToTarget() > limit) {
                errors.add(new FieldError(
                        "stepsToTarget",
                        "must be null or a step in [1, " + limit + "], got " + result.stepsToTarget()));
            }
        }
        nonNegative(errors, "wallSeconds", result.wallSeconds());
        nonNegative(errors, "samplesPerSecond", result.samplesPerSecond());
        boolean testExpected = phase == TrialPhase.FINAL && succeeded;
        if (testExpected) {
            accuracy(errors, "testAccuracy", result.testAccuracy(), false);
            if (required(errors, "testLoss", result.testLoss())
                    && !(Double.isFinite(result.testLoss()) && result.testLoss() >= 0)) {
                errors.add(new FieldError("testLoss", "must be a finite number ≥ 0, got " + result.testLoss()));
            }
        } else {
            String why = phase == TrialPhase.TUNING
                    ? "tuning trials are never evaluated on the test split"
                    : "only a final-phase run that succeeded is evaluated on the test split";
            if (result.testAccuracy() != null) {
                errors.add(new FieldError("testAccuracy", "must be null: " + why));
            }
            if (result.testLoss() != null) {
                errors.add(new FieldError("testLoss", "must be null: " + why));
            }
        }
        if (result.message() != null) {
            text(errors, "message", result.message(), MAX_MESSAGE, true);
        }
        throwIfAny(errors);
    }

    static void check(AttemptFailure failure) {
        List<FieldError> errors = new ArrayList<>();
        if (failure == null || failure.message() == null || failure.message().isBlank()) {
            errors.add(new FieldError("message", "is required: what went wrong"));
        } else if (failure.message().length() > MAX_MESSAGE) {
            errors.add(new FieldError("message", "must be at most " + MAX_MESSAGE + " characters"));
        }
        if (failure != null && failure.cause() != null && failure.cause().length() > MAX_CAUSE) {
            errors.add(new FieldError("cause", "must be at most " + MAX_CAUSE + " characters"));
        }
        throwIfAny(errors);
    }

    private static boolean required(List<FieldError> errors, String field, Object value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        return true;
    }

    private static void accuracy(List<FieldError> errors, String field, Double value, boolean nanAllowed) {
        if (!required(errors, field, value)) {
            return;
        }
        boolean legal = Double.isNaN(value) ? nanAllowed : value >= 0 && value <= 1;
        if (!legal) {
            errors.add(new FieldError(
                    field, "must be an accuracy in [0, 1]" + (nanAllowed ? " or NaN" : "") + ", got " + value));
        }
    }

    /** Cross-entropy is never negative; a diverged run reports NaN or +∞. */
    private static void loss(List<FieldError> errors, String field, Double value) {
        if (required(errors, field, value) && !(Double.isNaN(value) || value >= 0)) {
            errors.add(new FieldError(field, "must be a loss ≥ 0, NaN or Infinity, got " + value));
        }
    }

    private static void nonNegative(List<FieldError> errors, String field, Double value) {
        if (required(errors, field, value) && !(Double.isFinite(value) && value >= 0)) {
            errors.add(new FieldError(field, "must be a finite number ≥ 0, got " + value));
        }
    }

    private static void text(List<FieldError> errors, String field, String value, int max, boolean multiline) {
        if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters, got " + value.length()));
        } else if (value.codePoints()
                .anyMatch(c -> Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\t')))) {
            errors.add(new FieldError(field, "must not hold control characters"));
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidReportException(errors);
        }
    }
}
