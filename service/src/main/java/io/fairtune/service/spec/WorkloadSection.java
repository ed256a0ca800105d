package io.fairtune.service.spec;

import static io.fairtune.service.spec.StudySpecParser.MAX_TRAINING_STEPS;
import static io.fairtune.service.spec.StudySpecParser.TARGET_METRIC;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import io.fairtune.contract.catalog.ModelCatalog;
import io.fairtune.contract.catalog.TrainerNames;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code workload}: the trainer, the dataset and model, and the training length. The built-in trainer's
 * dataset and model are checked against its catalogs; an external trainer's are identifiers passed through to it
 * (it knows its own datasets and models). A trainer is only ever a name: what it runs is in the workers'
 * configuration, never in a spec, and any other field (a command, arguments, an environment) is refused as unknown.
 */
final class WorkloadSection {

    /** An external trainer's dataset or model: an identifier, never a path or a command line. */
    static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,49}");

    private static final List<String> WORKLOAD_FIELDS = List.of(
            "trainer",
            "dataset",
            "model",
            "batchSize",
            "trainingSteps",
            "evalEverySteps",
            "validationExamples",
            "target");
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
        if (w.field("trainer").isAbsent()) {
            return builtIn(w, before);
        }
        String trainer = w.string("trainer", false);
        if (trainer != null && !TrainerNames.valid(trainer)) {
            w.error(
                    "trainer",
                    "must be the name of a trainer registered on the workers (" + TrainerNames.RULE + ", not "
                            + TrainerNames.BUILT_IN + "); leave it out for the built-in DL4J trainer");
            trainer = null;
        }
        return external(w, before, trainer);
    }

    /** An external trainer's workload: identifiers and lengths, no catalog. */
    private WorkloadSpec external(SpecCursor w, int before, String trainer) {
        String dataset = identifier(w, "dataset");
        String model = identifier(w, "model");
        Long evalEverySteps = trainingLength(w);
        Long validationExamples =
                w.integer("validationExamples", 1, Integer.MAX_VALUE, false, " (absent: the trainer's own split)");
        Long batchSize = w.integer("batchSize", 1, Integer.MAX_VALUE, true, "");
        WorkloadSpec.Target target = target(w.requiredObject("target", TARGET_FIELDS));
        if (w.errorCount() > before || trainer == null) {
            return null;
        }
        return new WorkloadSpec(
                dataset,
                model,
                batchSize.intValue(),
                trainingSteps.intValue(),
                evalEverySteps.intValue(),
                validationExamples == null ? 0 : validationExamples.intValue(),
                target,
                trainer);
    }

    /** Reads {@code trainingSteps} (kept for {@link #trainingSteps()}) and answers {@code evalEverySteps}, bound by it. */
    private Long trainingLength(SpecCursor w) {
        trainingSteps = w.integer("trainingSteps", 1, MAX_TRAINING_STEPS, true, "");
        return w.integer(
                "evalEverySteps",
                1,
                trainingSteps == null ? MAX_TRAINING_STEPS : trainingSteps,
                true,
                trainingSteps == null ? "" : " (at most trainingSteps)");
    }

    private static String identifier(SpecCursor w, String field) {
        String value = w.string(field, true);
        if (value != null && !IDENTIFIER.matcher(value).matches()) {
            w.error(field, "must be an identifier the trainer knows (" + IDENTIFIER.pattern() + ")");
            return null;
        }
        return value;
    }

    private WorkloadSpec builtIn(SpecCursor w, int before) {
        String dataset = w.string("dataset", true);
        DatasetDefinition definition =
                w.lookup("dataset", dataset, "dataset", DatasetCatalog::find, DatasetCatalog.names());
        String model = w.string("model", true);
        if (model != null && !ModelCatalog.names().contains(model)) {
            w.error("model", SpecCursor.unknown("model", model, ModelCatalog.names()));
        }
        Long evalEverySteps = trainingLength(w);
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
