package io.fairtune.service.spec;

import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.service.problem.FieldError;
import io.fairtune.service.report.stats.BestOfKDifference;
import io.fairtune.service.report.stats.MeanDifference;
import io.fairtune.service.spec.StudySpec.Budget;
import io.fairtune.service.spec.StudySpec.Comparison;
import io.fairtune.service.spec.StudySpec.FinalEvaluation;
import io.fairtune.service.spec.StudySpec.Search;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a study spec (the JSON of {@code POST /api/v1/studies}) and validates it completely against the worker's
 * catalogs. Every problem is collected, so a client fixes its spec in one round trip; nothing is built unless the
 * whole spec is valid. JSON {@code null} in a field of the spec's structure counts as absent; a {@code null}
 * hyperparameter or setting value is an error. Integer fields accept any whole number ({@code 4}, {@code 4.0},
 * {@code 4e0}), as JSON Schema does. Duplicate keys and trailing content are malformed JSON.
 */
public final class StudySpecParser {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 4000;
    public static final int MAX_ARMS = 64;
    public static final int MAX_TRIALS_PER_ARM = 10_000;
    public static final int MAX_PARALLEL_TRIALS = 1_000;
    public static final int MAX_ATTEMPTS_PER_TRIAL = 20;
    public static final int DEFAULT_ATTEMPTS_PER_TRIAL = 3;
    public static final int MAX_FINAL_SEEDS = 100;
    public static final int MAX_TRAINING_STEPS = 10_000_000;
    public static final String TARGET_METRIC = "val_accuracy";
    /** Arm names appear in URLs, metric labels and file names: keep them plain. */
    public static final Pattern ARM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private static final List<String> STUDY_FIELDS = List.of(
            "name",
            "description",
            "workload",
            "search",
            "budget",
            "finalEvaluation",
            "arms",
            "claims",
            "comparisons",
            "labels");

    /** Where the report's interval methods keep their measured coverage. */
    public static final ClaimLimits CLAIM_LIMITS = new ClaimLimits(MeanDifference.MIN_SEEDS, BestOfKDifference::maxK);

    // Decimal numbers keep their exact value, so whole-number checks and out-of-range integers are exact.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private StudySpecParser() {}

    /** {@link #parse(String, OptimizerRegistry)} against the built-in optimizers alone (tests, examples). */
    public static StudySpec parse(String json) {
        return parse(json, OptimizerRegistry.builtIns());
    }

    /**
     * Parses and validates a spec, filling every default (validation split, attempts per trial, description,
     * comparisons).
     *
     * @param optimizers the optimizers an arm may name: the built-ins and the service's plugins
     * @throws SpecValidationException listing every problem found
     */
    public static StudySpec parse(String json, OptimizerRegistry optimizers) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(optimizers, "optimizers");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SpecValidationException(List.of(new FieldError("", malformed(e))));
        }
        if (root == null || root.isMissingNode()) {
            throw new SpecValidationException(List.of(new FieldError("", "malformed JSON: the document is empty")));
        }
        SpecCursor document = SpecCursor.root(root);
        StudySpec spec = study(document, optimizers);
        if (!document.errors().isEmpty() || spec == null) {
            throw new SpecValidationException(document.errors());
        }
        return spec;
    }

    private static String malformed(JacksonException e) {
        String message = Optional.ofNullable(e.getOriginalMessage()).orElse("unreadable");
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            return "malformed JSON at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": "
                    + message;
        }
        return "malformed JSON: " + message;
    }

    private static StudySpec study(SpecCursor root, OptimizerRegistry optimizers) {
        SpecCursor o = root.object(STUDY_FIELDS);
        if (o == null) {
            return null;
        }
        String name = o.string("name", true);
        if (name != null && !isPlainText(name, MAX_NAME_LENGTH)) {
            o.error("name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank, without control characters");
        }
        String description = o.string("description", false);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            o.error(
                    "description",
                    "must be at most " + MAX_DESCRIPTION_LENGTH + " characters, got " + description.length());
        }
        WorkloadSection workloadSection = new WorkloadSection();
        WorkloadSpec workload = workloadSection.read(o);
        Search search = SearchSection.search(o);
        Budget budget = SearchSection.budget(o);
        FinalEvaluation finalEvaluation = SearchSection.finalEvaluation(o);
        ArmSection armSection = new ArmSection(workloadSection.trainingSteps(), optimizers);
        List<ArmSpec> arms = armSection.read(o);
        List<Claim> claims = ClaimSection.read(
                o,
                armSection.names(),
                budget == null ? null : budget.trialsPerArm(),
                finalEvaluation == null ? null : finalEvaluation.seeds(),
                CLAIM_LIMITS);
        List<Comparison> comparisons = ComparisonSection.read(o, armSection.names());
        Labels labels = LabelSection.read(o);
        if (o.errorCount() > 0) {
            return null;
        }
        return new StudySpec(
                name,
                description == null ? "" : description,
                workload,
                search,
                budget,
                finalEvaluation,
                arms,
                claims,
                comparisons != null ? comparisons : claims.isEmpty() ? StudySpec.everyPair(arms) : List.of(),
                labels);
    }

    private static boolean isPlainText(String text, int maxLength) {
        return !text.isBlank()
                && text.length() <= maxLength
                && text.codePoints().noneMatch(Character::isISOControl);
    }
}
