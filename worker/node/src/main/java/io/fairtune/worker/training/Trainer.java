package io.fairtune.worker.training;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.Hyperparameters;
import io.fairtune.contract.catalog.ModelCatalog;
import io.fairtune.contract.catalog.Workload;
import io.fairtune.contract.plugin.OptimizerRegistry;
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
import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Trains one {@link TrainingRequest}: DL4J builds and evaluates the network, gradients come from the worker's lean
 * path where it covers the model ({@link DenseGradientStep}, the mlp) and from DL4J otherwise ({@link
 * Dl4jGradientStep}), and the worker's own optimizer applies them. Thread-safe: every call builds its own network;
 * the datasets are shared read-only.
 *
 * <p>Each step: the next minibatch of a seeded per-epoch shuffle, its loss and minibatch-mean gradients, then one
 * optimizer step at the scheduled learning rate.
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

    private final DatasetRepository datasets;
    private final OptimizerRegistry optimizers;

    /** Trains built-in optimizers only (tests, the bench command). */
    public Trainer(DatasetRepository datasets) {
        this(datasets, OptimizerRegistry.builtIns());
    }

    /** Trains with the rules of {@link Optimizers}, the plugins of {@code optimizers}, and {@link Schedules}. */
    public Trainer(DatasetRepository datasets, OptimizerRegistry optimizers) {
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.optimizers = Objects.requireNonNull(optimizers, "optimizers");
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
        Hyperparameters values = request.hyperparameters();
        double labelSmoothing = values.real(LABEL_SMOOTHING);
        Optimizer optimizer = Optimizers.create(optimizers, request.optimizer(), values);
        LearningRateSchedule schedule = Schedules.create(request.schedule(), values, workload.trainingSteps());
        LoadedDataset dataset = datasets.get(workload.dataset());
        int trainingExamples = dataset.training(workload.validationExamples()).size();
        if (workload.batchSize() > trainingExamples) {
            throw new IllegalArgumentException(
                    "batchSize " + workload.batchSize() + " exceeds the " + trainingExamples + " training examples");
        }
        long start = System.nanoTime();
        MultiLayerNetwork network = ModelFactory.create(workload.model(), dataset.definition(), request.seed());
        GradientStep gradients = null;
        try {
            gradients = DenseGradientStep.forNetwork(network, workload.batchSize())
                    .orElseGet(() -> new Dl4jGradientStep(network));
            return new TrainingRun(request, dataset, gradients, optimizer, schedule, labelSmoothing, listener, start)
                    .execute();
        } finally {
            if (gradients != null) {
                gradients.release();
            }
            network.clear();
        }
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
}
