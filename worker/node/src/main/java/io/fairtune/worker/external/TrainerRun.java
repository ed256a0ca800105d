package io.fairtune.worker.external;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;

/**
 * What an external trainer has said so far, checked line by line against the workload before anything is reported:
 * the rules of the attempt API (steps in order, on the evaluation cadence, accuracies in [0, 1], losses ≥ 0), so a
 * line the service would refuse fails the trial here with a message that names the line. Used on one thread.
 */
final class TrainerRun {

    private final Workload workload;
    private final boolean evaluateOnTest;
    private final double[] rates;
    private final long startNanos;

    private int lastStep;
    private double best = Double.NaN;
    private double last = Double.NaN;
    private Integer stepsToTarget;
    private boolean diverged;
    private TrainerLine.Result result;

    TrainerRun(Workload workload, boolean evaluateOnTest, double[] rates, long startNanos) {
        this.workload = workload;
        this.evaluateOnTest = evaluateOnTest;
        this.rates = rates;
        this.startNanos = startNanos;
    }

    /**
     * @return the measurement to report, or null for the result line
     * @throws IllegalArgumentException for a line out of place or out of range
     */
    Measurement accept(TrainerLine line) {
        if (result != null) {
            throw new IllegalArgumentException("nothing may follow the result line");
        }
        if (line instanceof TrainerLine.Result r) {
            if (lastStep != workload.trainingSteps()) {
                throw new IllegalArgumentException("the result came at step " + lastStep + " of "
                        + workload.trainingSteps() + " (the last step needs a measurement first)");
            }
            if (evaluateOnTest) {
                if (r.testAccuracy() == null || r.testLoss() == null) {
                    throw new IllegalArgumentException(
                            "this run is evaluated on the test split (evaluate_on_test): the result needs"
                                    + " test_accuracy and test_loss");
                }
                if (!(r.testAccuracy() >= 0 && r.testAccuracy() <= 1)) {
                    throw new IllegalArgumentException("test_accuracy must be in [0, 1], got " + r.testAccuracy());
                }
                if (!(Double.isFinite(r.testLoss()) && r.testLoss() >= 0)) {
                    throw new IllegalArgumentException("test_loss must be a finite number ≥ 0, got " + r.testLoss());
                }
            } else if (r.testAccuracy() != null || r.testLoss() != null) {
                throw new IllegalArgumentException(
                        "this run is not evaluated on the test split (evaluate_on_test is false): no test_accuracy"
                                + " or test_loss");
            }
            result = r;
            return null;
        }
        TrainerLine.Point p = (TrainerLine.Point) line;
        int steps = workload.trainingSteps();
        if (p.step() <= lastStep || p.step() > steps) {
            throw new IllegalArgumentException("step must be in [" + (lastStep + 1) + ", " + steps
                    + "] (after the previous one), got " + p.step());
        }
        loss("train_loss", p.trainLoss());
        loss("val_loss", p.validationLoss());
        lastStep = p.step();
        double rate = rates[p.step() - 1];
        if (!Double.isFinite(p.trainLoss()) || !Double.isFinite(p.validationLoss())) {
            // A diverging step may fall between evaluations and is not evaluated, as in the built-in trainer.
            diverged = true;
            last = Double.NaN;
            return new Measurement(p.step(), p.trainLoss(), p.validationLoss(), Double.NaN, rate, elapsedSeconds());
        }
        if (p.step() % workload.evalEverySteps() != 0 && p.step() != steps) {
            throw new IllegalArgumentException("step " + p.step() + " is not an evaluation step (every "
                    + workload.evalEverySteps() + " steps, and the last)");
        }
        double accuracy = p.validationAccuracy();
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException("val_accuracy must be in [0, 1], got " + accuracy);
        }
        last = accuracy;
        if (Double.isNaN(best) || accuracy > best) {
            best = accuracy;
        }
        if (stepsToTarget == null && accuracy >= workload.targetValue()) {
            stepsToTarget = p.step();
        }
        return new Measurement(p.step(), p.trainLoss(), p.validationLoss(), accuracy, rate, elapsedSeconds());
    }

    /** Cross-entropy style losses: ≥ 0, or non-finite upwards (NaN, +Infinity) when the run diverges. */
    private static void loss(String field, double value) {
        if (!(Double.isNaN(value) || value >= 0)) {
            throw new IllegalArgumentException(field + " must be ≥ 0, NaN or Infinity, got " + value);
        }
    }

    boolean diverged() {
        return diverged;
    }

    /** Why a run that exited cleanly is not complete, or null when it is. */
    String incomplete() {
        if (lastStep != workload.trainingSteps()) {
            return "exited at step " + lastStep + " of " + workload.trainingSteps() + " without diverging";
        }
        if (result == null) {
            return "exited without a result line";
        }
        return null;
    }

    TrainingResult result(TrainingOutcome outcome, String message) {
        double wall = elapsedSeconds();
        int completed = Math.max(lastStep, outcome == TrainingOutcome.STOPPED ? 0 : 1);
        boolean succeeded = outcome == TrainingOutcome.SUCCEEDED;
        return new TrainingResult(
                outcome,
                completed,
                best,
                succeeded ? last : Double.NaN,
                stepsToTarget,
                wall,
                wall > 0 ? (double) completed * workload.batchSize() / wall : 0,
                succeeded && evaluateOnTest ? result.testAccuracy() : null,
                succeeded && evaluateOnTest ? result.testLoss() : null,
                outcome == TrainingOutcome.DIVERGED ? "non-finite loss at step " + lastStep : message);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
