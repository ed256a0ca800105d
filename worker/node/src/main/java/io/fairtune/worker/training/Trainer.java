package io.fairtune.worker.training;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.contract.catalog.ModelCatalog;
import io.fairtune.contract.catalog.OptimizerCatalog;
import io.fairtune.contract.catalog.OptimizerDefinition;
import io.fairtune.contract.catalog.ScheduleCatalog;
import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.protocol.Measurement;
import io.fairtune.contract.protocol.TrainingOutcome;
import io.fairtune.contract.protocol.TrainingResult;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.data.LoadedDataset;
import io.fairtune.worker.model.ModelFactory;
import io.fairtune.worker.optim.Optimizer;
import io.fairtune.worker.optim.Optimizers;
import io.fairtune.worker.schedule.LearningRateSchedule;
import io.fairtune.worker.schedule.Schedules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one {@link TrainingRequest} with DL4J computing gradients and the worker's own optimizer applying
 * them. Thread-safe: every call builds its own network; the datasets are shared read-only.
 *
 * <p>Each step: the next minibatch of a seeded per-epoch shuffle, {@code computeGradientAndScore()} on a
 * network whose DL4J updater is NoOp (never {@code fit()}), batch norm's running statistics applied as DL4J
 * would, gradients divided by the batch size, then one optimizer step at the scheduled learning rate.
 *
 * <p>What is reported:
 *
 * <ul>
 *   <li>a {@link Measurement} every {@code evalEverySteps} steps and after the last one: the mean training loss
 *       (against smoothed labels, the objective) since the previous one, and validation loss (plain
 *       cross-entropy against true labels) and accuracy in inference mode;
 *   <li>a non-finite training loss ends the run as {@link TrainingOutcome#DIVERGED} after one last measurement
 *       with that loss at step = steps attempted and NaN validation values (a diverged model is not evaluated);
 *   <li>{@code samplesPerSecond}: training samples over the time spent in training steps, evaluation excluded;
 *       {@code wallSeconds} and {@code elapsedSeconds}: from building the model on, evaluation included;
 *   <li>test loss and accuracy only for {@code evaluateOnTest} runs that succeed.
 * </ul>
 */
public final class Trainer {

    static final String TARGET_METRIC = "val_accuracy";
    static final String LABEL_SMOOTHING = "label_smoothing";
    static final String LEARNING_RATE = "learning_rate";

    private final DatasetRepository datasets;

    /** Trains with the rules of {@link Optimizers} and {@link Schedules}. */
    public Trainer(DatasetRepository datasets) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
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
        Map<String, Object> hyperparameters = request.hyperparameters();
        double labelSmoothing = labelSmoothing(hyperparameters);
        Set<String> optimizerNames = optimizerSettingNames(request.optimizer());
        Set<String> scheduleNames = scheduleSettingNames(request.scheduleType());
        List<String> unknown = hyperparameters.keySet().stream()
                .filter(name -> !optimizerNames.contains(name) && !scheduleNames.contains(name))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("hyperparameters " + unknown + " belong neither to optimizer "
                    + request.optimizer() + " nor to schedule " + request.scheduleType());
        }
        Optimizer optimizer = Optimizers.create(request.optimizer(), select(hyperparameters, optimizerNames));
        LearningRateSchedule schedule = Schedules.create(
                request.scheduleType(), select(hyperparameters, scheduleNames), workload.trainingSteps());
        LoadedDataset dataset = datasets.get(workload.dataset());
        int trainingExamples = dataset.training(workload.validationExamples()).size();
        if (workload.batchSize() > trainingExamples) {
            throw new IllegalArgumentException(
                    "batchSize " + workload.batchSize() + " exceeds the " + trainingExamples + " training examples");
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

    private static Set<String> optimizerSettingNames(String optimizer) {
        OptimizerDefinition definition = OptimizerCatalog.find(optimizer)
                .orElseThrow(() -> new IllegalArgumentException("unknown optimizer '" + optimizer + "'"));
        return definition.hyperparameters().stream()
                .map(HyperparameterDefinition::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The schedule's settings and {@code learning_rate}, its base rate. */
    private static Set<String> scheduleSettingNames(String type) {
        ScheduleCatalog.ScheduleDefinition definition = ScheduleCatalog.find(type)
                .orElseThrow(() -> new IllegalArgumentException("unknown schedule '" + type + "'"));
        Set<String> names = new HashSet<>();
        definition.settings().forEach(setting -> names.add(setting.name()));
        names.add(LEARNING_RATE);
        return Set.copyOf(names);
    }

    /** Optimizers and schedules reject names they do not know, so each gets only its own settings. */
    private static Map<String, Object> select(Map<String, Object> hyperparameters, Set<String> names) {
        Map<String, Object> selected = new HashMap<>();
        hyperparameters.forEach((name, value) -> {
            if (names.contains(name)) {
                selected.put(name, value);
            }
        });
        return selected;
    }

    private static void validate(Workload workload) {
        if (DatasetCatalog.find(workload.dataset()).isEmpty()) {
            throw new IllegalArgumentException("unknown dataset '" + workload.dataset() + "'");
        }
        if (!ModelCatalog.names().contains(workload.model())) {
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
