package io.fairtune.service.spec;

import static io.fairtune.service.spec.StudySpecParser.MAX_TRAINING_STEPS;
import static io.fairtune.service.spec.StudySpecParser.TARGET_METRIC;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import io.fairtune.contract.catalog.ModelCatalog;
import java.util.List;

/** Reads {@code workload}: the dataset and model, checked against the dataset catalog, and the training length. */
final class WorkloadSection {

    private static final List<String> WORKLOAD_FIELDS =
            List.of("dataset", "model", "batchSize", "trainingSteps", "evalEverySteps", "validationExamples", "target");
    private static final List<String> TARGET_FIELDS = List.of("metric", "value");

    private Long trainingSteps;

    /**
     * The training steps when valid, even if another workload field is not: they bound every arm's warmup_steps, which
     * are then still checked.
     */
    Long trainingSteps() {
        return trainingSteps;
    }

    WorkloadSpec read(SpecCursor study) {
        SpecCursor w = study.requiredObject("workload", WORKLOAD_FIELDS);
        if (w == null) {
            return null;
        }
        int before = w.errorCount();
        String dataset = w.string("dataset", true);
        DatasetDefinition definition =
                w.lookup("dataset", dataset, "dataset", DatasetCatalog::find, DatasetCatalog.names());
        String model = w.string("model", true);
        if (model != null && !ModelCatalog.names().contains(model)) {
            w.error("model", SpecCursor.unknown("model", model, ModelCatalog.names()));
        }
        trainingSteps = w.integer("trainingSteps", 1, MAX_TRAINING_STEPS, true, "");
        Long evalEverySteps = w.integer(
                "evalEverySteps",
                1,
                trainingSteps == null ? MAX_TRAINING_STEPS : trainingSteps,
                true,
                trainingSteps == null ? "" : " (at most trainingSteps)");
        Long validationExamples = definition == null
                ? w.integer("validationExamples", 1, Integer.MAX_VALUE, false, "")
                : w.integer(
                        "validationExamples",
                        1,
                        definition.trainExamples() - 1L,
                        false,
                        " (the training split of " + definition.name() + " has " + definition.trainExamples()
                                + " examples)");
        if (validationExamples == null
                && definition != null
                && w.field("validationExamples").isAbsent()) {
            validationExamples = (long) definition.defaultValidationExamples();
        }
        long maxBatch = Integer.MAX_VALUE;
        String batchNote = "";
        if (definition != null && validationExamples != null) {
            maxBatch = definition.trainExamples() - validationExamples;
            batchNote = " (the training examples left beside " + validationExamples + " validation examples)";
        }
        Long batchSize = w.integer("batchSize", 1, maxBatch, true, batchNote);
        WorkloadSpec.Target target = target(w.requiredObject("target", TARGET_FIELDS));
        if (w.errorCount() > before) {
            return null;
        }
        return new WorkloadSpec(
                dataset,
                model,
                batchSize.intValue(),
                trainingSteps.intValue(),
                evalEverySteps.intValue(),
                validationExamples.intValue(),
                target);
    }

    private static WorkloadSpec.Target target(SpecCursor t) {
        if (t == null) {
            return null;
        }
        String metric = t.string("metric", true);
        if (metric != null && !metric.equals(TARGET_METRIC)) {
            t.error("metric", SpecCursor.unknown("target metric", metric, List.of(TARGET_METRIC)));
            metric = null;
        }
        SpecCursor valueField = t.field("value");
        Double value = null;
        if (valueField.isAbsent()) {
            valueField.error("is required (a number in (0, 1])");
        } else {
            value = valueField.real();
            if (value != null && !(value > 0 && value <= 1)) {
                valueField.error("must be in (0, 1], got " + valueField.node());
                value = null;
            }
        }
        return metric == null || value == null ? null : new WorkloadSpec.Target(metric, value);
    }
}
