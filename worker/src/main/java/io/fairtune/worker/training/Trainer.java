package io.fairtune.worker.training;

import io.fairtune.worker.data.DatasetCatalog;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.data.LoadedDataset;
import io.fairtune.worker.model.ModelFactory;
import io.fairtune.worker.optim.Optimizer;
import io.fairtune.worker.schedule.LearningRateSchedule;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one {@link TrainingRequest} with DL4J computing gradients and the worker's own optimizer applying
 * them. Thread-safe: every call builds its own network; the datasets are shared read-only.
 *
 * <p>Each step: the next minibatch of a seeded per-epoch shuffle, {@code computeGradientAndScore()} on a
 * network whose DL4J updater is NoOp (never {@code fit()}), batch norm's running statistics applied as DL4J
 * would, gradients divided by the batch size, then one optimizer step at the scheduled learning rate.
 * Validation every {@code evalEverySteps} steps and after the last one.
 */
public final class Trainer {

    static final String TARGET_METRIC = "val_accuracy";
    static final String LABEL_SMOOTHING = "label_smoothing";

    /** Creates a run's update rule; the learning rate is not its business (the schedule owns it). */
    @FunctionalInterface
    interface OptimizerFactory {
        Optimizer create(String optimizer, Map<String, Object> hyperparameters);
    }

    /** Creates a run's learning-rate schedule from {@code learning_rate} and the schedule settings. */
    @FunctionalInterface
    interface ScheduleFactory {
        LearningRateSchedule create(String type, Map<String, Object> settings, long trainingSteps);
    }

    private final DatasetRepository datasets;
    private final OptimizerFactory optimizers;
    private final ScheduleFactory schedules;

    Trainer(DatasetRepository datasets, OptimizerFactory optimizers, ScheduleFactory schedules) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.optimizers = Objects.requireNonNull(optimizers, "optimizers");
        this.schedules = Objects.requireNonNull(schedules, "schedules");
    }

    /**
     * Trains until the step budget is spent, the loss turns non-finite ({@link TrainingOutcome#DIVERGED}) or
     * the listener asks to stop ({@link TrainingOutcome#STOPPED}).
     *
     * @throws IllegalArgumentException for an invalid workload or hyperparameter
     * @throws io.fairtune.worker.data.DatasetUnavailableException when the dataset's files are missing
     */
    public TrainingResult train(TrainingRequest request, TrainingListener listener) {
        Objects.requireNonNull(listener, "listener");
        Workload workload = request.workload();
        validate(workload);
        double labelSmoothing = labelSmoothing(request.hyperparameters());
        Optimizer optimizer = optimizers.create(request.optimizer(), request.hyperparameters());
        LearningRateSchedule schedule =
                schedules.create(request.scheduleType(), request.hyperparameters(), workload.trainingSteps());
        LoadedDataset dataset = datasets.get(workload.dataset());
        if (workload.batchSize() > dataset.train().size() - workload.validationExamples()) {
            throw new IllegalArgumentException("batchSize " + workload.batchSize() + " exceeds the "
                    + (dataset.train().size() - workload.validationExamples()) + " training examples");
        }
        long start = System.nanoTime();
        MultiLayerNetwork network = ModelFactory.create(workload.model(), dataset.definition(), request.seed());
        try {
            return new TrainingRun(request, dataset, network, optimizer, schedule, labelSmoothing, listener, start)
                    .execute();
        } finally {
            network.clear();
        }
    }

    private static void validate(Workload workload) {
        if (DatasetCatalog.find(workload.dataset()).isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + workload.dataset() + "'");
        }
        if (!ModelFactory.MODELS.contains(workload.model())) {
            throw new IllegalArgumentException("unknown model '" + workload.model() + "'");
        }
        positive("batchSize", workload.batchSize());
        positive("trainingSteps", workload.trainingSteps());
        positive("evalEverySteps", workload.evalEverySteps());
        positive("validationExamples", workload.validationExamples());
        if (!TARGET_METRIC.equals(workload.targetMetric())) {
            throw new IllegalArgumentException(
                    "targetMetric must be " + TARGET_METRIC + ", was '" + workload.targetMetric() + "'");
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    private static double labelSmoothing(Map<String, Object> hyperparameters) {
        Object value = hyperparameters.get(LABEL_SMOOTHING);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(LABEL_SMOOTHING + " must be a number, was " + value);
        }
        double smoothing = number.doubleValue();
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException(LABEL_SMOOTHING + " must be in [0, 1), was " + smoothing);
        }
        return smoothing;
    }
}
