package io.fairtune.service.study.api;

import io.fairtune.contract.catalog.TrainerNames;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The shape of a study spec as the OpenAPI document gives it to client generators. The service never binds to these
 * records: {@code StudySpecParser} reads the raw JSON so it can report every error with its path, and it is the
 * authority on ranges and on which settings an optimizer or schedule takes.
 */
public final class SpecDocument {

    private SpecDocument() {}

    @Schema(
            name = "StudySpec",
            description = "A comparison study: the workload every arm trains, the equal tuning budget, the arms and"
                    + " the claims to judge. See examples/studies and the README.")
    public record StudySpec(
            @Schema(maxLength = 200) String name,
            @Nullable @Schema(maxLength = 4000) String description,
            WorkloadSpec workload,
            SearchSpec search,
            BudgetSpec budget,
            FinalEvaluationSpec finalEvaluation,

            @Schema(description = "at least two arms with distinct names")
            List<ArmSpec> arms,

            @Nullable List<ClaimSpec> claims,

            @Nullable
            @Schema(
                    description = "exploratory comparisons; default: every pair when no claims are stated,"
                            + " none otherwise")
            List<ComparisonSpec> comparisons,

            @Nullable @Schema(description = "provenance, e.g. branch, commit; keys [a-z][a-z0-9_.-]*")
            Map<String, String> labels) {}

    @Schema(name = "WorkloadSpec")
    record WorkloadSpec(
            @Nullable
            @Schema(
                    description = "an external trainer registered in the workers' configuration, by name ("
                            + TrainerNames.RULE + "); absent: the built-in DL4J trainer",
                    pattern = "^[a-z][a-z0-9_-]{0,39}$")
            String trainer,

            // Described from the catalogs by SpecDocumentation.
            String dataset,
            String model,

            @Schema(minimum = "1") int batchSize,
            @Schema(minimum = "1", maximum = "10000000") int trainingSteps,

            @Schema(minimum = "1", description = "at most trainingSteps")
            int evalEverySteps,

            @Nullable
            @Schema(
                    minimum = "1",
                    description = "default: the dataset's own validation split size (an external trainer's own split)")
            Integer validationExamples,

            TargetSpec target) {}

    @Schema(name = "TargetSpec")
    record TargetSpec(
            @Schema(allowableValues = "val_accuracy") String metric, double value) {}

    @Schema(name = "SearchSpec")
    record SearchSpec(
            String algorithm,

            @Schema(
                    format = "int64",
                    description =
                            "a 64-bit integer; a client that cannot write one exactly should stay" + " within ±2^53")
            long seed) {}

    @Schema(name = "BudgetSpec")
    record BudgetSpec(
            @Schema(minimum = "1", maximum = "10000") int trialsPerArm,
            @Schema(minimum = "1", maximum = "1000") int maxParallelTrials,

            @Nullable @Schema(minimum = "1", maximum = "20", description = "default 3")
            Integer maxAttemptsPerTrial) {}

    @Schema(name = "FinalEvaluationSpec")
    record FinalEvaluationSpec(
            @Schema(
                    minimum = "0",
                    maximum = "100",
                    description = "fresh seeds each arm's best point is re-trained with, then tested")
            int seeds) {}

    @Schema(name = "ArmSpec")
    record ArmSpec(
            @Schema(pattern = "[a-z0-9][a-z0-9_-]{0,62}") String name,

            @Schema(description = "an update rule of the worker's catalog")
            String optimizer,

            @Schema(
                    description = "{\"type\": a schedule of the catalog, plus its fixed settings, e.g."
                            + " \"decay_power\": 2.0}",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
            Map<String, Object> schedule,

            @Nullable
            @Schema(
                    description = "hyperparameter name -> {\"min\", \"max\", \"scale\"}, {\"value\"} or"
                            + " {\"values\": [...]}")
            Map<String, ParameterSpec> space) {}

    @Schema(name = "ParameterSpec", description = "one of: a range (min, max, scale), a fixed value, or a choice")
    record ParameterSpec(
            @Nullable Double min,
            @Nullable Double max,
            @Nullable String scale,

            @Nullable @Schema(description = "a number or a boolean")
            Object value,

            @Nullable List<Object> values) {}

    @Schema(name = "ClaimSpec")
    record ClaimSpec(
            String candidate,
            String baseline,
            String kind,

            @Nullable
            @Schema(
                    description =
                            "the difference that matters, a fraction of accuracy in (0, 1) (0.01 = one point); required for"
                                    + " non_inferior and equivalent, absent for superior")
            Double margin,

            String basis,

            @Nullable @Schema(minimum = "1", description = "best_of_k only: trials the expected best is taken over")
            Integer k) {}

    @Schema(name = "ComparisonSpec")
    record ComparisonSpec(String candidate, String baseline) {}
}
