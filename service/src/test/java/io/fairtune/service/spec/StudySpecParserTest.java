package io.fairtune.service.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fairtune.contract.catalog.Workload;
import io.fairtune.service.SharedExamples;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.spec.ParameterSpace.Choice;
import io.fairtune.service.spec.ParameterSpace.Fixed;
import io.fairtune.service.spec.ParameterSpace.Range;
import io.fairtune.service.spec.ParameterSpace.Scale;
import io.fairtune.service.spec.StudySpec.Comparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class StudySpecParserTest {

    // Exact decimals, so edits such as 1e400 or 1.0 reach the parser as written.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Valid; every test breaks one part of it. synthetic: 12000 training examples, 2000 for validation. */
    private static final String BASE = """
            {
              "name": "parser-test",
              "workload": {
                "dataset": "synthetic", "model": "mlp", "batchSize": 256,
                "trainingSteps": 40, "evalEverySteps": 10,
                "target": { "metric": "val_accuracy", "value": 0.8 }
              },
              "search": { "algorithm": "quasi_random", "seed": 1 },
              "budget": { "trialsPerArm": 4, "maxParallelTrials": 2 },
              "finalEvaluation": { "seeds": 2 },
              "arms": [
                {
                  "name": "nesterov",
                  "optimizer": "nesterov",
                  "schedule": { "type": "warmup_polynomial_decay", "decay_power": 2.0 },
                  "space": {
                    "learning_rate": { "min": 0.01, "max": 1.0, "scale": "log" },
                    "momentum": { "min": 0.8, "max": 0.99, "scale": "one_minus_log" },
                    "warmup_fraction": { "value": 0.1 }
                  }
                },
                {
                  "name": "lamb",
                  "optimizer": "lamb",
                  "schedule": { "type": "warmup_cosine_decay" },
                  "space": {
                    "learning_rate": { "min": 1e-4, "max": 0.1, "scale": "log" },
                    "beta1": { "min": 0.8, "max": 0.95, "scale": "one_minus_log" },
                    "exclude_bias_and_norm": { "values": [true, false] }
                  }
                }
              ]
            }
            """;

    // ---- accepted specs ----

    @Test
    void parsesEveryExampleStudy() {
        List<Path> examples = SharedExamples.allStudies();
        assertThat(examples)
                .extracting(p -> p.getFileName().toString())
                .contains("fashion-mnist-large-batch.json", "synthetic-smoke.json");
        for (Path example : examples) {
            StudySpec spec = StudySpecParser.parse(read(example));
            assertThat(spec.arms()).as(example.toString()).isNotEmpty();
        }
    }

    @Test
    void readsTheLargeBatchExampleCompletely() {
        StudySpec spec = StudySpecParser.parse(SharedExamples.study("fashion-mnist-large-batch.json"));

        assertThat(spec.name()).isEqualTo("fashion-mnist-mlp-batch-4096");
        assertThat(spec.workload().toWorkload())
                .isEqualTo(new Workload("fashion-mnist", "mlp", 4096, 120, 20, 10_000, "val_accuracy", 0.85));
        assertThat(spec.search()).isEqualTo(new StudySpec.Search(SearchAlgorithm.QUASI_RANDOM, 7));
        assertThat(spec.budget()).isEqualTo(new StudySpec.Budget(16, 4, 3));
        assertThat(spec.finalEvaluation().seeds()).isEqualTo(5);
        assertThat(spec.arms()).extracting(ArmSpec::name).containsExactly("nesterov", "lars", "adamw", "lamb");

        ArmSpec lars = spec.arm("lars").orElseThrow();
        assertThat(lars.schedule().type()).isEqualTo("warmup_polynomial_decay");
        assertThat(lars.schedule().settings())
                .containsExactly(Map.entry("decay_power", 2.0), Map.entry("end_lr_factor", 0.001));
        assertThat(lars.space().keySet())
                .containsExactly("learning_rate", "momentum", "weight_decay", "warmup_fraction", "trust_coefficient");
        assertThat(lars.space().get("learning_rate")).isEqualTo(new Range(0.1, 100.0, Scale.LOG));
        assertThat(lars.space().get("momentum")).isEqualTo(new Range(0.7, 0.995, Scale.ONE_MINUS_LOG));
        assertThat(lars.space().get("trust_coefficient")).isEqualTo(new Fixed(0.001));
        assertThat(lars.tunedParameters())
                .containsExactly("learning_rate", "momentum", "weight_decay", "warmup_fraction");
        assertThat(spec.comparisons()).hasSize(6);
    }

    @Test
    void fillsDefaults() {
        StudySpec spec = StudySpecParser.parse(BASE);

        assertThat(spec.description()).isEmpty();
        assertThat(spec.budget().maxAttemptsPerTrial()).isEqualTo(3);
        assertThat(spec.workload().validationExamples()).isEqualTo(2_000);
        assertThat(spec.comparisons()).containsExactly(new Comparison("lamb", "nesterov"));
        assertThat(spec.arms().get(1).space().get("exclude_bias_and_norm")).isEqualTo(new Choice(List.of(true, false)));
    }

    @Test
    void keepsGivenComparisonsAndAcceptsWholeNumbersWrittenAsDecimals() {
        StudySpec spec = StudySpecParser.parse(spec(root -> {
            set(root, "", "comparisons", "[{\"candidate\": \"nesterov\", \"baseline\": \"lamb\"}]");
            set(root, "/budget", "trialsPerArm", "4.0");
            set(root, "/workload", "batchSize", "2.56e2");
        }));

        assertThat(spec.comparisons()).containsExactly(new Comparison("nesterov", "lamb"));
        assertThat(spec.budget().trialsPerArm()).isEqualTo(4);
        assertThat(spec.workload().batchSize()).isEqualTo(256);
    }

    @Test
    void acceptsTheLearningRateFixedInTheSchedule() {
        StudySpec spec = StudySpecParser.parse(spec(root -> {
            set(root, "/arms/0/schedule", "learning_rate", "0.1");
            remove(root, "/arms/0/space", "learning_rate");
        }));

        assertThat(spec.arms().get(0).schedule().settings()).containsEntry("learning_rate", 0.1);
    }

    @Test
    void acceptsTheEdgesOfEveryLegalRange() {
        StudySpec spec = StudySpecParser.parse(spec(root -> {
            set(root, "/workload", "validationExamples", "11999");
            set(root, "/workload", "batchSize", "1");
            set(root, "/workload", "evalEverySteps", "40");
            set(root, "/workload/target", "value", "1");
            set(root, "/search", "seed", "-9223372036854775808");
            set(root, "/budget", "trialsPerArm", "10000");
            set(root, "/budget", "maxParallelTrials", "1000");
            set(root, "/budget", "maxAttemptsPerTrial", "20");
            set(root, "/finalEvaluation", "seeds", "0");
            set(root, "/arms/0/schedule", "end_lr_factor", "1");
            set(root, "/arms/0/space", "weight_decay", "{\"value\": 0}");
        }));

        assertThat(spec.search().seed()).isEqualTo(Long.MIN_VALUE);
        assertThat(spec.workload().validationExamples()).isEqualTo(11_999);

        StudySpec largestBatch = StudySpecParser.parse(spec(root -> set(root, "/workload", "batchSize", "10000")));
        assertThat(largestBatch.workload().batchSize()).isEqualTo(10_000);
    }

    // ---- rejections: one test per class of problem ----

    @Test
    void rejectsMalformedJson() {
        assertRejected("{\"name\": \"x\",", "", "malformed JSON at line 1");
        assertRejected("", "", "empty");
        assertRejected("{} {}", "", "malformed JSON");
        assertRejected("{\"name\": \"a\", \"name\": \"b\"}", "", "Duplicate");
        assertRejected("[1, 2]", "", "must be an object");
    }

    @Test
    void rejectsUnknownFieldsAnywhere() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "", "colour", "\"blue\"");
            set(root, "/workload", "epochs", "3");
            set(root, "/workload/target", "mode", "\"max\"");
            set(root, "/search", "skip", "100");
            set(root, "/budget", "trials", "4");
            set(root, "/finalEvaluation", "split", "\"test\"");
            set(root, "/arms/0", "lr", "0.1");
            set(root, "/arms/0/space/learning_rate", "step", "0.1");
            set(root, "/arms/0/space/warmup_fraction", "min", "0.1");
            set(root, "", "comparisons", "[{\"candidate\": \"lamb\", \"baseline\": \"nesterov\", \"alpha\": 0.05}]");
        }));

        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "colour",
                        "workload.epochs",
                        "workload.target.mode",
                        "search.skip",
                        "budget.trials",
                        "finalEvaluation.split",
                        "arms[0].lr",
                        "arms[0].space.learning_rate.step",
                        "arms[0].space.warmup_fraction.min",
                        "comparisons[0].alpha");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).startsWith("unknown field; allowed here: "));
        assertThat(message(errors, "arms[0].lr")).contains("name, optimizer, schedule, space");
    }

    @Test
    void rejectsMissingRequiredFields() {
        List<FieldError> errors = errorsOf(spec(root -> {
            remove(root, "", "name");
            remove(root, "", "finalEvaluation");
            remove(root, "/workload", "dataset");
            remove(root, "/workload/target", "value");
            remove(root, "/search", "seed");
            remove(root, "/budget", "trialsPerArm");
            remove(root, "/arms/0", "optimizer");
            remove(root, "/arms/1", "schedule");
            remove(root, "/arms/1/space/beta1", "max");
            remove(root, "/arms/0/space/momentum", "scale");
            set(root, "/search", "algorithm", "null");
        }));

        assertThat(errors)
                .extracting(FieldError::field)
                .contains(
                        "name",
                        "finalEvaluation",
                        "workload.dataset",
                        "workload.target.value",
                        "search.seed",
                        "search.algorithm",
                        "budget.trialsPerArm",
                        "arms[0].optimizer",
                        "arms[1].schedule",
                        "arms[1].space.beta1.max",
                        "arms[0].space.momentum.scale");
        assertThat(message(errors, "budget.trialsPerArm")).isEqualTo("is required (an integer in [1, 10000])");
        assertThat(message(errors, "arms[1].space.beta1.max")).contains("is required", "[0, 1)");
        assertRejected(spec(root -> remove(root, "", "arms")), "arms", "is required");
        assertRejected(spec(root -> remove(root, "", "workload")), "workload", "is required");
    }

    @Test
    void rejectsWrongTypes() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "", "name", "5");
            set(root, "/workload", "batchSize", "\"256\"");
            set(root, "/workload", "trainingSteps", "40.5");
            set(root, "/search", "seed", "\"1\"");
            set(root, "/budget", "maxParallelTrials", "true");
            set(root, "/arms/0/space/momentum", "min", "\"0.8\"");
            set(root, "/arms/0/space/warmup_fraction", "value", "true");
            set(root, "/arms/0/schedule", "decay_power", "[2]");
            set(root, "/arms/1", "space", "[]");
        }));

        assertThat(message(errors, "name")).isEqualTo("must be a string, got a number (5)");
        assertThat(message(errors, "workload.batchSize")).contains("must be an integer", "got a string");
        assertThat(message(errors, "workload.trainingSteps"))
                .contains("must be an integer", "got 40.5 (not a whole number)");
        assertThat(message(errors, "search.seed")).contains("must be an integer", "got a string");
        assertThat(message(errors, "budget.maxParallelTrials")).contains("got a boolean");
        assertThat(message(errors, "arms[0].space.momentum.min")).contains("must be a number", "got a string");
        assertThat(message(errors, "arms[0].space.warmup_fraction.value")).contains("must be a number");
        assertThat(message(errors, "arms[0].schedule.decay_power")).contains("must be a number", "an array");
        assertThat(message(errors, "arms[1].space")).contains("must be an object", "an array");
        assertRejected(
                spec(root -> set(root, "/arms/0/space", "momentum", "0.9")), "arms[0].space.momentum", "{\"value\"");
        assertRejected(spec(root -> set(root, "", "arms", "{}")), "arms", "must be an array");
        assertRejected(
                spec(root -> set(root, "/workload/target", "value", "1e400")), "workload.target.value", "finite");
    }

    @Test
    void rejectsUnknownCatalogNames() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/workload", "dataset", "\"imagenet\"");
            set(root, "/workload", "model", "\"resnet50\"");
            set(root, "/workload/target", "metric", "\"val_loss\"");
            set(root, "/search", "algorithm", "\"grid\"");
            set(root, "/arms/0", "optimizer", "\"rmsprop\"");
            set(root, "/arms/1/schedule", "type", "\"step\"");
            set(root, "/arms/1/space/learning_rate", "scale", "\"log10\"");
        }));

        assertThat(message(errors, "workload.dataset"))
                .isEqualTo("unknown dataset 'imagenet'; known: fashion-mnist, synthetic");
        assertThat(message(errors, "workload.model")).isEqualTo("unknown model 'resnet50'; known: mlp, cnn");
        assertThat(message(errors, "workload.target.metric")).contains("val_accuracy");
        assertThat(message(errors, "search.algorithm")).contains("quasi_random, random");
        assertThat(message(errors, "arms[0].optimizer")).contains("'rmsprop'", "nesterov", "lamb");
        assertThat(message(errors, "arms[1].schedule.type")).contains("warmup_cosine_decay", "constant");
        assertThat(message(errors, "arms[1].space.learning_rate.scale")).contains("linear, log, one_minus_log");
        // The unknown optimizer or schedule does not make every hyperparameter of the arm an error as well.
        assertThat(errors).extracting(FieldError::field).noneMatch(f -> f.startsWith("arms[0].space."));
    }

    @Test
    void rejectsHyperparametersTheArmDoesNotHave() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/1/space", "momentum", "{\"min\": 0.8, \"max\": 0.99, \"scale\": \"one_minus_log\"}");
            set(root, "/arms/1/schedule", "decay_power", "2.0");
            set(root, "/arms/0/space", "beta2", "{\"value\": 0.999}");
        }));

        assertThat(message(errors, "arms[1].space.momentum"))
                .contains(
                        "'momentum' is neither a hyperparameter of optimizer lamb nor a setting of schedule"
                                + " warmup_cosine_decay",
                        "allowed: learning_rate, beta1");
        assertThat(message(errors, "arms[1].schedule.decay_power")).contains("neither");
        assertThat(errors).extracting(FieldError::field).contains("arms[0].space.beta2");
    }

    @Test
    void rejectsValuesOutsideTheCatalogRange() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/0/space/warmup_fraction", "value", "1.5");
            set(root, "/arms/0/space/momentum", "max", "1.0");
            set(root, "/arms/0/space/learning_rate", "min", "-1");
            set(root, "/arms/0/space", "label_smoothing", "{\"values\": [0.1, 2, 0.2]}");
            set(root, "/arms/0/schedule", "warmup_power", "0");
            set(root, "/arms/1/schedule", "end_lr_factor", "1.5");
        }));

        assertThat(message(errors, "arms[0].space.warmup_fraction.value"))
                .isEqualTo("must be in [0, 1) for warmup_fraction, got 1.5");
        assertThat(message(errors, "arms[0].space.momentum.max")).isEqualTo("must be in [0, 1) for momentum, got 1.0");
        assertThat(message(errors, "arms[0].space.learning_rate.min")).contains("(0, inf)");
        assertThat(message(errors, "arms[0].space.label_smoothing.values[1]")).contains("[0, 1)");
        assertThat(message(errors, "arms[0].schedule.warmup_power")).contains("(0, inf)");
        assertThat(message(errors, "arms[1].schedule.end_lr_factor")).contains("[0, 1]");
        // One problem per field: the range endpoint is not also blamed for its scale.
        assertThat(errors).extracting(FieldError::field).doesNotHaveDuplicates();
    }

    @Test
    void rejectsRangesWhoseMinIsNotBelowMax() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/0/space/learning_rate", "min", "1.0");
            set(root, "/arms/1/space/beta1", "min", "0.99");
        }));

        assertThat(message(errors, "arms[0].space.learning_rate")).startsWith("min (1) must be less than max (1)");
        assertThat(message(errors, "arms[1].space.beta1")).startsWith("min (0.99) must be less than max (0.95)");
    }

    @Test
    void rejectsLogScaleFromZero() {
        assertRejected(
                spec(root ->
                        set(root, "/arms/0/space", "weight_decay", "{\"min\": 0, \"max\": 0.001, \"scale\": \"log\"}")),
                "arms[0].space.weight_decay.min",
                "must be > 0 for scale log, got 0");
    }

    @Test
    void rejectsOneMinusLogOutsideTheOpenUnitInterval() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/0/space/momentum", "min", "0");
            set(root, "/arms/0/space", "weight_decay", "{\"min\": 0.5, \"max\": 2, \"scale\": \"one_minus_log\"}");
        }));

        assertThat(message(errors, "arms[0].space.momentum.min"))
                .isEqualTo("must be in (0, 1) for scale one_minus_log, got 0");
        assertThat(message(errors, "arms[0].space.weight_decay.max")).contains("(0, 1) for scale one_minus_log");
    }

    @Test
    void rejectsAMissingLearningRate() {
        assertRejected(
                spec(root -> remove(root, "/arms/1/space", "learning_rate")),
                "arms[1].space.learning_rate",
                "is required by schedule warmup_cosine_decay");
    }

    @Test
    void rejectsASettingGivenInScheduleAndSpace() {
        assertRejected(
                spec(root -> set(root, "/arms/0/schedule", "warmup_fraction", "0.05")),
                "arms[0].space.warmup_fraction",
                "also given in schedule");
    }

    @Test
    void rejectsRangesOfBooleanHyperparameters() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/1/space", "exclude_bias_and_norm", "{\"min\": 0, \"max\": 1, \"scale\": \"linear\"}");
            set(root, "/arms/0/space", "exclude_bias_and_norm", "{\"value\": 1}");
        }));

        assertThat(message(errors, "arms[1].space.exclude_bias_and_norm")).contains("is a boolean", "not a range");
        assertThat(message(errors, "arms[0].space.exclude_bias_and_norm.value")).contains("must be true or false");
    }

    @Test
    void rejectsBadChoices() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/0/space", "weight_decay", "{\"values\": []}");
            set(root, "/arms/1/space", "weight_decay", "{\"values\": [0.1, 0.1]}");
            set(root, "/arms/1/space", "exclude_bias_and_norm", "{\"values\": [true, null]}");
        }));

        assertThat(message(errors, "arms[0].space.weight_decay.values")).contains("at least one value");
        assertThat(message(errors, "arms[1].space.weight_decay.values[1]")).contains("duplicates");
        assertThat(message(errors, "arms[1].space.exclude_bias_and_norm.values[1]"))
                .contains("null");
    }

    @Test
    void rejectsEmptyArms() {
        assertRejected(spec(root -> set(root, "", "arms", "[]")), "arms", "must list at least one arm");
    }

    @Test
    void rejectsDuplicateArmNames() {
        assertRejected(
                spec(root -> set(root, "/arms/1", "name", "\"nesterov\"")),
                "arms[1].name",
                "duplicate arm name 'nesterov' (also arms[0].name)");
    }

    @Test
    void rejectsArmNamesOutsideThePattern() {
        for (String bad : List.of("Nesterov", "-lamb", "lamb v2", "", "a".repeat(64), "lamb/2")) {
            assertRejected(
                    spec(root -> set(root, "/arms/1", "name", MAPPER.writeValueAsString(bad))),
                    "arms[1].name",
                    "must match [a-z0-9][a-z0-9_-]{0,62}");
        }
        StudySpec ok =
                StudySpecParser.parse(spec(root -> set(root, "/arms/1", "name", "\"lamb_v2-" + "x".repeat(55) + "\"")));
        assertThat(ok.arms().get(1).name()).hasSize(63);
    }

    @Test
    void rejectsBudgetsAndWorkloadsOutOfRange() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/budget", "trialsPerArm", "0");
            set(root, "/budget", "maxParallelTrials", "1001");
            set(root, "/budget", "maxAttemptsPerTrial", "21");
            set(root, "/finalEvaluation", "seeds", "101");
            set(root, "/workload", "trainingSteps", "10000001");
        }));
        assertThat(message(errors, "budget.trialsPerArm")).isEqualTo("must be an integer in [1, 10000], got 0");
        assertThat(message(errors, "budget.maxParallelTrials")).contains("[1, 1000]");
        assertThat(message(errors, "budget.maxAttemptsPerTrial")).contains("[1, 20]");
        assertThat(message(errors, "finalEvaluation.seeds")).contains("[0, 100]");
        assertThat(message(errors, "workload.trainingSteps")).contains("[1, 10000000]");

        assertRejected(spec(root -> set(root, "/budget", "trialsPerArm", "10001")), "budget.trialsPerArm", "10000");
        assertRejected(
                spec(root -> set(root, "/workload", "evalEverySteps", "41")),
                "workload.evalEverySteps",
                "[1, 40] (at most trainingSteps)");
        assertRejected(spec(root -> set(root, "/workload", "evalEverySteps", "0")), "workload.evalEverySteps", "[1,");
        assertRejected(spec(root -> set(root, "/workload", "batchSize", "0")), "workload.batchSize", "[1, 10000]");
        assertRejected(
                spec(root -> set(root, "/workload", "batchSize", "10001")),
                "workload.batchSize",
                "must be an integer in [1, 10000] (the training examples left beside 2000 validation examples)");
        assertRejected(
                spec(root -> {
                    set(root, "/workload", "validationExamples", "6000");
                    set(root, "/workload", "batchSize", "6001");
                }),
                "workload.batchSize",
                "[1, 6000]");
        assertRejected(
                spec(root -> set(root, "/workload", "validationExamples", "12000")),
                "workload.validationExamples",
                "[1, 11999] (the training split of synthetic has 12000 examples)");
        assertRejected(
                spec(root -> set(root, "/workload", "validationExamples", "0")), "workload.validationExamples", "[1,");
        assertRejected(spec(root -> set(root, "/workload/target", "value", "0")), "workload.target.value", "(0, 1]");
        assertRejected(spec(root -> set(root, "/workload/target", "value", "1.01")), "workload.target.value", "(0, 1]");
    }

    @Test
    void rejectsNamesOfBadLength() {
        assertRejected(spec(root -> set(root, "", "name", "\"" + "n".repeat(201) + "\"")), "name", "1 to 200");
        assertRejected(spec(root -> set(root, "", "name", "\"  \"")), "name", "not blank");
        assertRejected(spec(root -> set(root, "", "name", "\"a\\nb\"")), "name", "control characters");
        assertRejected(
                spec(root -> set(root, "", "description", "\"" + "d".repeat(4001) + "\"")),
                "description",
                "at most 4000 characters");
        assertThat(StudySpecParser.parse(spec(root -> set(root, "", "name", "\"" + "n".repeat(200) + "\"")))
                        .name())
                .hasSize(200);
    }

    @Test
    void rejectsSeedsOutsideTheLongRange() {
        assertRejected(
                spec(root -> set(root, "/search", "seed", "9223372036854775808")),
                "search.seed",
                "[-9223372036854775808, 9223372036854775807]");
        assertRejected(spec(root -> set(root, "/search", "seed", "-9223372036854775809")), "search.seed", "got");
        assertThat(StudySpecParser.parse(spec(root -> set(root, "/search", "seed", "9223372036854775807")))
                        .search()
                        .seed())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void rejectsBadComparisons() {
        List<FieldError> errors = errorsOf(spec(root -> set(root, "", "comparisons", """
                [
                  {"candidate": "lars", "baseline": "nesterov"},
                  {"candidate": "lamb", "baseline": "lamb"},
                  {"candidate": "lamb", "baseline": "nesterov"},
                  {"candidate": "nesterov", "baseline": "lamb"},
                  {"candidate": "lamb"}
                ]
                """)));

        assertThat(message(errors, "comparisons[0].candidate")).isEqualTo("unknown arm 'lars'; known: nesterov, lamb");
        assertThat(message(errors, "comparisons[1]")).isEqualTo("compares arm 'lamb' with itself");
        assertThat(message(errors, "comparisons[3]")).contains("same pair of arms as comparisons[2]");
        assertThat(message(errors, "comparisons[4].baseline")).startsWith("is required");
        assertRejected(spec(root -> set(root, "", "comparisons", "[]")), "comparisons", "leave it out");
    }

    @Test
    void rejectsWarmupStepsBeyondTrainingOrBesideAWarmupFraction() {
        assertRejected(
                spec(root -> set(root, "/arms/1/schedule", "warmup_steps", "41")),
                "arms[1].schedule.warmup_steps",
                "at most trainingSteps (40)");
        assertRejected(
                spec(root -> set(root, "/arms/0/space", "warmup_steps", "{\"value\": 10}")),
                "arms[0].space.warmup_steps",
                "not both");
        assertThat(StudySpecParser.parse(spec(root -> set(root, "/arms/1/schedule", "warmup_steps", "40")))
                        .arms()
                        .get(1)
                        .schedule()
                        .settings())
                .containsEntry("warmup_steps", 40.0);
    }

    @Test
    void rejectsFractionalOrTunedWarmupSteps() {
        assertRejected(
                spec(root -> set(root, "/arms/1/schedule", "warmup_steps", "10.5")),
                "arms[1].schedule.warmup_steps",
                "whole number");
        assertRejected(
                spec(root ->
                        set(root, "/arms/1/space", "warmup_steps", "{\"min\": 1, \"max\": 9, \"scale\": \"linear\"}")),
                "arms[1].space.warmup_steps",
                "tune warmup_fraction");
    }

    @Test
    void rejectsNullSettingsAndSpaceEntries() {
        List<FieldError> errors = errorsOf(spec(root -> {
            set(root, "/arms/0/schedule", "end_lr_factor", "null");
            set(root, "/arms/1/space", "beta2", "null");
            set(root, "/arms/1/space", "epsilon", "{}");
        }));

        assertThat(message(errors, "arms[0].schedule.end_lr_factor")).isEqualTo("must not be null");
        assertThat(message(errors, "arms[1].space.beta2")).contains("must be an object");
        assertThat(message(errors, "arms[1].space.epsilon")).contains("must be one of");
    }

    @Test
    void reportsEveryProblemTogether() {
        SpecValidationException e = rejection(spec(root -> {
            set(root, "/workload", "batchSize", "0");
            set(root, "/budget", "trialsPerArm", "0");
            set(root, "/arms/0/space/learning_rate", "min", "0");
            set(root, "/arms/1/space", "momentum", "{\"value\": 0.9}");
            set(root, "/arms/1", "name", "\"nesterov\"");
            set(root, "", "extra", "1");
        }));

        assertThat(e.errors())
                .extracting(FieldError::field)
                .containsExactlyInAnyOrder(
                        "extra",
                        "workload.batchSize",
                        "budget.trialsPerArm",
                        "arms[0].space.learning_rate.min",
                        "arms[1].space.momentum",
                        "arms[1].name");
        assertThat(e.getMessage()).contains("budget.trialsPerArm: must be an integer in [1, 10000], got 0");
    }

    @Test
    void convertsTheWorkloadForTheWorker() {
        Workload workload = StudySpecParser.parse(BASE).workload().toWorkload();

        assertThat(workload).isEqualTo(new Workload("synthetic", "mlp", 256, 40, 10, 2_000, "val_accuracy", 0.8));
    }

    // ---- external trainers ----

    @Test
    void anExternalTrainerIsANameAndItsDatasetAndModelAreIdentifiersPassedThrough() {
        Workload workload = StudySpecParser.parse(spec(root -> {
                    set(root, "/workload", "trainer", "\"quadratic\"");
                    set(root, "/workload", "dataset", "\"bowl-16d\"");
                    set(root, "/workload", "model", "\"point.v2\"");
                    set(root, "/workload", "batchSize", "1000000");
                }))
                .workload()
                .toWorkload();

        assertThat(workload)
                .isEqualTo(
                        new Workload("bowl-16d", "point.v2", 1_000_000, 40, 10, 0, "val_accuracy", 0.8, "quadratic"));
        assertThat(StudySpecParser.parse(BASE).workload().trainer()).isNull();
    }

    /** What an attacker would try: a command line, a path, a reserved name, extra fields that smuggle a command. */
    @Test
    void aTrainerIsNeverACommandLineAndNoFieldCarriesOne() {
        for (String trainer : List.of(
                "sh -c 'touch /tmp/pwned'",
                "../../bin/sh",
                "/bin/sh",
                "quadratic;rm -rf /",
                "$(id)",
                "Quadratic",
                "dl4j",
                "",
                "q".repeat(41))) {
            String json = spec(root -> at(root, "/workload").put("trainer", trainer));
            assertRejected(json, "workload.trainer", "must be the name of a trainer registered on the workers");
        }
        assertRejected(spec(root -> set(root, "/workload", "trainer", "[\"sh\", \"-c\"]")), "workload.trainer", "");
        for (String field : List.of("command", "args", "env", "workingDirectory")) {
            String json = spec(root -> {
                set(root, "/workload", "trainer", "\"quadratic\"");
                set(root, "/workload", field, "\"sh -c 'touch /tmp/pwned'\"");
            });
            assertRejected(json, "workload." + field, "unknown");
        }
        for (String field : List.of("dataset", "model")) {
            String json = spec(root -> {
                set(root, "/workload", "trainer", "\"quadratic\"");
                set(root, "/workload", field, "\"../../etc/passwd\"");
            });
            assertRejected(json, "workload." + field, "must be an identifier the trainer knows");
        }
    }

    @Test
    void anExternalTrainersArmsAreCheckedAgainstTheOptimizerCatalogStill() {
        String json = spec(root -> {
            set(root, "/workload", "trainer", "\"quadratic\"");
            set(root, "/arms/0", "optimizer", "\"sgd_with_a_twist\"");
        });

        assertRejected(json, "arms[0].optimizer", "sgd_with_a_twist");
    }

    // ---- helpers ----

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String spec(Consumer<ObjectNode> edit) {
        ObjectNode root = (ObjectNode) MAPPER.readTree(BASE);
        edit.accept(root);
        return MAPPER.writeValueAsString(root);
    }

    private static ObjectNode at(ObjectNode root, String pointer) {
        return (ObjectNode) root.at(pointer);
    }

    private static void set(ObjectNode root, String pointer, String key, String json) {
        JsonNode value = MAPPER.readTree(json);
        at(root, pointer).set(key, value);
    }

    private static void remove(ObjectNode root, String pointer, String key) {
        at(root, pointer).remove(key);
    }

    private static SpecValidationException rejection(String json) {
        Throwable thrown = catchThrowable(() -> StudySpecParser.parse(json));
        assertThat(thrown).as("the spec should be rejected").isInstanceOf(SpecValidationException.class);
        return (SpecValidationException) thrown;
    }

    private static List<FieldError> errorsOf(String json) {
        return rejection(json).errors();
    }

    private static void assertRejected(String json, String field, String messagePart) {
        List<FieldError> errors = errorsOf(json);
        assertThat(errors).as("errors of field '%s'", field).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.message()).contains(messagePart);
        });
    }

    private static String message(List<FieldError> errors, String field) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(FieldError::message)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error for " + field + " in " + errors));
    }
}
