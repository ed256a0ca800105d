package io.fairtune.service.spec;

import io.fairtune.service.spec.ArmSpec.Schedule;
import io.fairtune.service.spec.ParameterSpace.Choice;
import io.fairtune.service.spec.ParameterSpace.Fixed;
import io.fairtune.service.spec.ParameterSpace.Range;
import io.fairtune.service.spec.ParameterSpace.Scale;
import io.fairtune.service.spec.StudySpec.Budget;
import io.fairtune.service.spec.StudySpec.Comparison;
import io.fairtune.service.spec.StudySpec.FinalEvaluation;
import io.fairtune.service.spec.StudySpec.Search;
import io.fairtune.worker.data.DatasetCatalog;
import io.fairtune.worker.data.DatasetDefinition;
import io.fairtune.worker.optim.HyperparameterDefinition;
import io.fairtune.worker.optim.OptimizerCatalog;
import io.fairtune.worker.optim.OptimizerDefinition;
import io.fairtune.worker.schedule.ScheduleCatalog;
import io.fairtune.worker.schedule.ScheduleCatalog.ScheduleDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    private static final String WARMUP_STEPS = "warmup_steps";
    private static final String WARMUP_FRACTION = "warmup_fraction";
    private static final String SPACE_FORMS = "{\"min\", \"max\", \"scale\"}, {\"values\": [...]} or {\"value\": ...}";

    private static final List<String> STUDY_FIELDS =
            List.of("name", "description", "workload", "search", "budget", "finalEvaluation", "arms", "comparisons");
    private static final List<String> WORKLOAD_FIELDS =
            List.of("dataset", "model", "batchSize", "trainingSteps", "evalEverySteps", "validationExamples", "target");
    private static final List<String> TARGET_FIELDS = List.of("metric", "value");
    private static final List<String> SEARCH_FIELDS = List.of("algorithm", "seed");
    private static final List<String> BUDGET_FIELDS =
            List.of("trialsPerArm", "maxParallelTrials", "maxAttemptsPerTrial");
    private static final List<String> FINAL_FIELDS = List.of("seeds");
    private static final List<String> ARM_FIELDS = List.of("name", "optimizer", "schedule", "space");
    private static final List<String> COMPARISON_FIELDS = List.of("candidate", "baseline");
    private static final List<String> RANGE_FIELDS = List.of("min", "max", "scale");

    // Decimal numbers keep their exact value, so whole-number checks and out-of-range integers are exact.
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final List<FieldError> errors = new ArrayList<>();

    private StudySpecParser() {}

    /**
     * Parses and validates a spec, filling every default (validation split, attempts per trial, description,
     * comparisons).
     *
     * @throws SpecValidationException listing every problem found
     */
    public static StudySpec parse(String json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SpecValidationException(List.of(new FieldError("", malformed(e))));
        }
        if (root == null || root.isMissingNode()) {
            throw new SpecValidationException(List.of(new FieldError("", "malformed JSON: the document is empty")));
        }
        StudySpecParser parser = new StudySpecParser();
        StudySpec spec = parser.study(root);
        if (!parser.errors.isEmpty() || spec == null) {
            throw new SpecValidationException(parser.errors);
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

    // ---- sections ----

    private StudySpec study(JsonNode root) {
        JsonNode o = object(root, "", STUDY_FIELDS);
        if (o == null) {
            return null;
        }
        String name = string(o, "name", "name", true);
        if (name != null && !isPlainText(name, MAX_NAME_LENGTH)) {
            error("name", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank, without control characters");
        }
        String description = string(o, "description", "description", false);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            error(
                    "description",
                    "must be at most " + MAX_DESCRIPTION_LENGTH + " characters, got " + description.length());
        }
        WorkloadSpec workload = workload(requiredObject(o, "workload", "workload", WORKLOAD_FIELDS));
        Search search = search(requiredObject(o, "search", "search", SEARCH_FIELDS));
        Budget budget = budget(requiredObject(o, "budget", "budget", BUDGET_FIELDS));
        FinalEvaluation finalEvaluation =
                finalEvaluation(requiredObject(o, "finalEvaluation", "finalEvaluation", FINAL_FIELDS));
        Long trainingSteps = trainingStepsIfValid(o);
        List<String> armNames = new ArrayList<>();
        List<ArmSpec> arms = arms(member(o, "arms"), trainingSteps, armNames);
        List<Comparison> comparisons = comparisons(member(o, "comparisons"), armNames);
        if (!errors.isEmpty()) {
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
                comparisons == null ? StudySpec.everyPair(arms) : comparisons);
    }

    private WorkloadSpec workload(JsonNode w) {
        if (w == null) {
            return null;
        }
        int before = errors.size();
        String dataset = string(w, "dataset", "workload.dataset", true);
        DatasetDefinition definition = null;
        if (dataset != null) {
            definition = DatasetCatalog.find(dataset).orElse(null);
            if (definition == null) {
                error("workload.dataset", unknown("dataset", dataset, DatasetCatalog.names()));
            }
        }
        String model = string(w, "model", "workload.model", true);
        if (model != null && !DatasetCatalog.models().contains(model)) {
            error("workload.model", unknown("model", model, DatasetCatalog.models()));
        }
        Long trainingSteps = integer(w, "trainingSteps", "workload.trainingSteps", 1, MAX_TRAINING_STEPS, true, "");
        Long evalEverySteps = integer(
                w,
                "evalEverySteps",
                "workload.evalEverySteps",
                1,
                trainingSteps == null ? MAX_TRAINING_STEPS : trainingSteps,
                true,
                trainingSteps == null ? "" : " (at most trainingSteps)");
        Long validationExamples = definition == null
                ? integer(w, "validationExamples", "workload.validationExamples", 1, Integer.MAX_VALUE, false, "")
                : integer(
                        w,
                        "validationExamples",
                        "workload.validationExamples",
                        1,
                        definition.trainExamples() - 1L,
                        false,
                        " (the training split of " + definition.name() + " has " + definition.trainExamples()
                                + " examples)");
        if (validationExamples == null && definition != null && member(w, "validationExamples") == null) {
            validationExamples = (long) definition.defaultValidationExamples();
        }
        long maxBatch = Integer.MAX_VALUE;
        String batchNote = "";
        if (definition != null && validationExamples != null) {
            maxBatch = definition.trainExamples() - validationExamples;
            batchNote = " (the training examples left beside " + validationExamples + " validation examples)";
        }
        Long batchSize = integer(w, "batchSize", "workload.batchSize", 1, maxBatch, true, batchNote);
        WorkloadSpec.Target target = target(requiredObject(w, "target", "workload.target", TARGET_FIELDS));
        if (errors.size() > before) {
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

    private WorkloadSpec.Target target(JsonNode t) {
        if (t == null) {
            return null;
        }
        String metric = string(t, "metric", "workload.target.metric", true);
        if (metric != null && !metric.equals(TARGET_METRIC)) {
            error("workload.target.metric", unknown("target metric", metric, List.of(TARGET_METRIC)));
            metric = null;
        }
        JsonNode valueNode = member(t, "value");
        Double value = null;
        if (valueNode == null) {
            error("workload.target.value", "is required (a number in (0, 1])");
        } else {
            value = real(valueNode, "workload.target.value");
            if (value != null && !(value > 0 && value <= 1)) {
                error("workload.target.value", "must be in (0, 1], got " + valueNode);
                value = null;
            }
        }
        return metric == null || value == null ? null : new WorkloadSpec.Target(metric, value);
    }

    private Search search(JsonNode s) {
        if (s == null) {
            return null;
        }
        String algorithmName = string(s, "algorithm", "search.algorithm", true);
        SearchAlgorithm algorithm = null;
        if (algorithmName != null) {
            algorithm = SearchAlgorithm.fromSpecName(algorithmName).orElse(null);
            if (algorithm == null) {
                error(
                        "search.algorithm",
                        unknown(
                                "search algorithm",
                                algorithmName,
                                Arrays.stream(SearchAlgorithm.values())
                                        .map(SearchAlgorithm::specName)
                                        .toList()));
            }
        }
        Long seed = integer(s, "seed", "search.seed", Long.MIN_VALUE, Long.MAX_VALUE, true, " (a 64-bit integer)");
        return algorithm == null || seed == null ? null : new Search(algorithm, seed);
    }

    private Budget budget(JsonNode b) {
        if (b == null) {
            return null;
        }
        Long trialsPerArm = integer(b, "trialsPerArm", "budget.trialsPerArm", 1, MAX_TRIALS_PER_ARM, true, "");
        Long maxParallel =
                integer(b, "maxParallelTrials", "budget.maxParallelTrials", 1, MAX_PARALLEL_TRIALS, true, "");
        Long maxAttempts =
                integer(b, "maxAttemptsPerTrial", "budget.maxAttemptsPerTrial", 1, MAX_ATTEMPTS_PER_TRIAL, false, "");
        if (maxAttempts == null && member(b, "maxAttemptsPerTrial") == null) {
            maxAttempts = (long) DEFAULT_ATTEMPTS_PER_TRIAL;
        }
        if (trialsPerArm == null || maxParallel == null || maxAttempts == null) {
            return null;
        }
        return new Budget(trialsPerArm.intValue(), maxParallel.intValue(), maxAttempts.intValue());
    }

    private FinalEvaluation finalEvaluation(JsonNode f) {
        if (f == null) {
            return null;
        }
        Long seeds = integer(f, "seeds", "finalEvaluation.seeds", 0, MAX_FINAL_SEEDS, true, "");
        return seeds == null ? null : new FinalEvaluation(seeds.intValue());
    }

    /** The training steps when valid, to bound warmup_steps; no second error is reported here. */
    private static Long trainingStepsIfValid(JsonNode study) {
        JsonNode steps = member(member(study, "workload"), "trainingSteps");
        if (steps == null || !steps.isNumber()) {
            return null;
        }
        BigDecimal value = steps.decimalValue();
        if (!isWhole(value)
                || value.compareTo(BigDecimal.ONE) < 0
                || value.compareTo(BigDecimal.valueOf(MAX_TRAINING_STEPS)) > 0) {
            return null;
        }
        return value.longValueExact();
    }

    private List<ArmSpec> arms(JsonNode node, Long trainingSteps, List<String> armNames) {
        if (node == null) {
            error("arms", "is required (a list of 1 to " + MAX_ARMS + " arms)");
            return null;
        }
        if (!node.isArray()) {
            error("arms", "must be an array of arms, got " + describe(node));
            return null;
        }
        if (node.isEmpty()) {
            error("arms", "must list at least one arm");
            return null;
        }
        if (node.size() > MAX_ARMS) {
            error("arms", "must list at most " + MAX_ARMS + " arms, got " + node.size());
        }
        List<ArmSpec> arms = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "arms[" + i + "]";
            ArmSpec arm = arm(node.get(i), path, trainingSteps);
            JsonNode nameNode = member(node.get(i), "name");
            if (nameNode != null && nameNode.isString()) {
                String name = nameNode.stringValue();
                Integer previous = firstIndex.putIfAbsent(name, i);
                if (previous != null) {
                    error(path + ".name", "duplicate arm name '" + name + "' (also arms[" + previous + "].name)");
                } else {
                    armNames.add(name);
                }
            }
            arms.add(arm);
        }
        return arms.contains(null) ? null : arms;
    }

    private ArmSpec arm(JsonNode node, String path, Long trainingSteps) {
        JsonNode a = object(node, path, ARM_FIELDS);
        if (a == null) {
            return null;
        }
        int before = errors.size();
        String name = string(a, "name", path + ".name", true);
        if (name != null && !ARM_NAME.matcher(name).matches()) {
            error(
                    path + ".name",
                    "must match " + ARM_NAME.pattern()
                            + ": 1 to 63 lowercase letters, digits, '_' or '-', starting with a letter or digit; got '"
                            + name + "'");
        }
        String optimizerName = string(a, "optimizer", path + ".optimizer", true);
        OptimizerDefinition optimizer = null;
        if (optimizerName != null) {
            optimizer = OptimizerCatalog.find(optimizerName).orElse(null);
            if (optimizer == null) {
                error(path + ".optimizer", unknown("optimizer", optimizerName, OptimizerCatalog.names()));
            }
        }
        JsonNode scheduleNode = member(a, "schedule");
        JsonNode s = null;
        if (scheduleNode == null) {
            error(path + ".schedule", "is required (an object with \"type\" and fixed settings)");
        } else {
            s = object(scheduleNode, path + ".schedule", null);
        }
        String scheduleType = s == null ? null : string(s, "type", path + ".schedule.type", true);
        ScheduleDefinition schedule = null;
        if (scheduleType != null) {
            schedule = ScheduleCatalog.find(scheduleType).orElse(null);
            if (schedule == null) {
                error(path + ".schedule.type", unknown("schedule type", scheduleType, ScheduleCatalog.types()));
            }
        }
        Settings known = new Settings(optimizer, schedule);

        Map<String, Object> settings = new LinkedHashMap<>();
        if (s != null) {
            for (Map.Entry<String, JsonNode> entry : s.properties()) {
                String key = entry.getKey();
                if (key.equals("type")) {
                    continue;
                }
                String settingPath = path + ".schedule." + key;
                if (known.rejects(key)) {
                    error(settingPath, known.unknownMessage(key));
                    continue;
                }
                if (entry.getValue().isNull()) {
                    error(settingPath, "must not be null");
                    continue;
                }
                Object value = fixedValue(entry.getValue(), settingPath, known.find(key), trainingSteps);
                if (value != null) {
                    settings.put(key, value);
                }
            }
        }

        Map<String, ParameterSpace> space = new LinkedHashMap<>();
        JsonNode spaceNode = member(a, "space");
        JsonNode sp = spaceNode == null ? null : object(spaceNode, path + ".space", null);
        if (sp != null) {
            for (Map.Entry<String, JsonNode> entry : sp.properties()) {
                String key = entry.getKey();
                String entryPath = path + ".space." + key;
                if (known.rejects(key)) {
                    error(entryPath, known.unknownMessage(key));
                    continue;
                }
                ParameterSpace parameter = space(entry.getValue(), entryPath, key, known.find(key), trainingSteps);
                if (parameter != null) {
                    space.put(key, parameter);
                }
            }
        }

        if (known.complete()) {
            Set<String> inSchedule = keys(s, "type");
            Set<String> inSpace = keys(sp, null);
            for (String key : inSpace) {
                if (inSchedule.contains(key)) {
                    error(path + ".space." + key, "is also given in schedule; give each setting in one place");
                }
            }
            for (HyperparameterDefinition definition : known.all()) {
                String key = definition.name();
                if (definition.required() && !inSchedule.contains(key) && !inSpace.contains(key)) {
                    error(
                            path + ".space." + key,
                            "is required by "
                                    + (optimizer.hyperparameter(key).isPresent()
                                            ? "optimizer " + optimizer.name()
                                            : "schedule " + schedule.type())
                                    + ": tune it or fix it in space, or fix it in schedule");
                }
            }
            // warmup_steps silently overrides warmup_fraction in the worker: a tuned fraction would be a dead
            // dimension, so ask for one of them.
            boolean stepsGiven = inSchedule.contains(WARMUP_STEPS) || inSpace.contains(WARMUP_STEPS);
            boolean fractionGiven = inSchedule.contains(WARMUP_FRACTION) || inSpace.contains(WARMUP_FRACTION);
            if (stepsGiven && fractionGiven) {
                String where = inSpace.contains(WARMUP_STEPS) ? ".space." : ".schedule.";
                error(
                        path + where + WARMUP_STEPS,
                        "give warmup_steps or warmup_fraction, not both (warmup_steps overrides warmup_fraction)");
            }
        }
        if (errors.size() > before) {
            return null;
        }
        return new ArmSpec(name, optimizerName, new Schedule(scheduleType, settings), space);
    }

    private ParameterSpace space(
            JsonNode v, String path, String key, HyperparameterDefinition definition, Long trainingSteps) {
        if (!v.isObject()) {
            error(path, "must be an object: " + SPACE_FORMS + ", got " + describe(v));
            return null;
        }
        int before = errors.size();
        if (v.has("value")) {
            object(v, path, List.of("value"));
            JsonNode value = member(v, "value");
            if (value == null) {
                error(path + ".value", "must not be null");
                return null;
            }
            Object fixed = fixedValue(value, path + ".value", definition, trainingSteps);
            return fixed == null || errors.size() > before ? null : new Fixed(fixed);
        }
        if (v.has("values")) {
            return choice(v, path, definition, trainingSteps);
        }
        if (RANGE_FIELDS.stream().noneMatch(v::has)) {
            error(path, "must be one of " + SPACE_FORMS + ", got fields " + keys(v, null));
            return null;
        }
        object(v, path, RANGE_FIELDS);
        if (definition != null && definition.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            error(
                    path,
                    key + " is a boolean: give {\"value\": true|false} or {\"values\": [true, false]}, not a range");
            return null;
        }
        Double min = rangeEnd(v, "min", path, definition, trainingSteps);
        Double max = rangeEnd(v, "max", path, definition, trainingSteps);
        String scaleName = string(v, "scale", path + ".scale", true);
        Scale scale = null;
        if (scaleName != null) {
            scale = Scale.fromSpecName(scaleName).orElse(null);
            if (scale == null) {
                error(
                        path + ".scale",
                        unknown(
                                "scale",
                                scaleName,
                                Arrays.stream(Scale.values())
                                        .map(Scale::specName)
                                        .toList()));
            }
        }
        if (scale == Scale.LOG && min != null && min <= 0) {
            error(path + ".min", "must be > 0 for scale log, got " + format(min));
            min = null;
        }
        if (scale == Scale.ONE_MINUS_LOG) {
            if (min != null && !(min > 0 && min < 1)) {
                error(path + ".min", "must be in (0, 1) for scale one_minus_log, got " + format(min));
                min = null;
            }
            if (max != null && !(max > 0 && max < 1)) {
                error(path + ".max", "must be in (0, 1) for scale one_minus_log, got " + format(max));
                max = null;
            }
        }
        if (min != null && max != null && min >= max) {
            error(
                    path,
                    "min (" + format(min) + ") must be less than max (" + format(max)
                            + "); use {\"value\": ...} for a fixed value");
        }
        if (errors.size() > before || min == null || max == null || scale == null) {
            return null;
        }
        return new Range(min, max, scale);
    }

    private Double rangeEnd(
            JsonNode range, String end, String path, HyperparameterDefinition definition, Long trainingSteps) {
        JsonNode node = member(range, end);
        if (node == null) {
            error(path + "." + end, "is required (a number" + legalSuffix(definition) + ")");
            return null;
        }
        if (!node.isNumber()) {
            error(path + "." + end, "must be a number" + legalSuffix(definition) + ", got " + describe(node));
            return null;
        }
        Object value = fixedValue(node, path + "." + end, definition, trainingSteps);
        return value instanceof Double d ? d : null;
    }

    private Choice choice(JsonNode v, String path, HyperparameterDefinition definition, Long trainingSteps) {
        object(v, path, List.of("values"));
        JsonNode values = member(v, "values");
        String valuesPath = path + ".values";
        if (values == null) {
            error(valuesPath, "must not be null");
            return null;
        }
        if (!values.isArray()) {
            error(valuesPath, "must be a non-empty array, got " + describe(values));
            return null;
        }
        if (values.isEmpty()) {
            error(valuesPath, "must list at least one value");
            return null;
        }
        int before = errors.size();
        List<Object> parsed = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String elementPath = valuesPath + "[" + i + "]";
            JsonNode element = values.get(i);
            Object value = element.isNull()
                    ? nullElement(elementPath)
                    : fixedValue(element, elementPath, definition, trainingSteps);
            if (value == null) {
                continue;
            }
            if (!parsed.isEmpty() && parsed.get(0).getClass() != value.getClass()) {
                error(elementPath, "must have the type of the first value (" + describe(values.get(0)) + ")");
            } else if (parsed.contains(value)) {
                error(elementPath, "duplicates an earlier value (" + element + "); list each value once");
            }
            parsed.add(value);
        }
        return errors.size() > before ? null : new Choice(parsed);
    }

    private Object nullElement(String path) {
        error(path, "must not be null");
        return null;
    }

    /** A fixed value of a setting: type and legal range from its definition, or number/boolean when unknown. */
    private Object fixedValue(JsonNode v, String path, HyperparameterDefinition definition, Long trainingSteps) {
        if (definition == null) {
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isNumber()) {
                return real(v, path);
            }
            error(path, "must be a number or a boolean, got " + describe(v));
            return null;
        }
        if (definition.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            if (!v.isBoolean()) {
                error(path, "must be true or false (" + definition.name() + " is a boolean), got " + describe(v));
                return null;
            }
            return v.booleanValue();
        }
        if (!v.isNumber()) {
            error(path, "must be a number in " + definition.rangeText() + ", got " + describe(v));
            return null;
        }
        Double value = real(v, path);
        if (value == null) {
            return null;
        }
        if (!definition.accepts(value)) {
            error(path, "must be in " + definition.rangeText() + " for " + definition.name() + ", got " + v);
            return null;
        }
        if (definition.name().equals(WARMUP_STEPS) && trainingSteps != null && value > trainingSteps) {
            error(path, "must be at most trainingSteps (" + trainingSteps + ") for warmup_steps, got " + v);
            return null;
        }
        return value;
    }

    private List<Comparison> comparisons(JsonNode node, List<String> armNames) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            error("comparisons", "must be an array of {\"candidate\", \"baseline\"}, got " + describe(node));
            return null;
        }
        if (node.isEmpty()) {
            error("comparisons", "must list at least one comparison; leave it out to compare every pair of arms");
            return null;
        }
        List<Comparison> comparisons = new ArrayList<>();
        Map<Set<String>, Integer> pairs = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "comparisons[" + i + "]";
            JsonNode c = object(node.get(i), path, COMPARISON_FIELDS);
            if (c == null) {
                continue;
            }
            String candidate = armName(c, "candidate", path, armNames);
            String baseline = armName(c, "baseline", path, armNames);
            if (candidate == null || baseline == null) {
                continue;
            }
            if (candidate.equals(baseline)) {
                error(path, "compares arm '" + candidate + "' with itself");
                continue;
            }
            Integer previous = pairs.putIfAbsent(Set.of(candidate, baseline), i);
            if (previous != null) {
                error(path, "compares the same pair of arms as comparisons[" + previous + "]");
                continue;
            }
            comparisons.add(new Comparison(candidate, baseline));
        }
        return comparisons;
    }

    private String armName(JsonNode comparison, String key, String path, List<String> armNames) {
        String name = string(comparison, key, path + "." + key, true);
        if (name != null && !armNames.contains(name)) {
            error(path + "." + key, unknown("arm", name, armNames));
            return null;
        }
        return name;
    }

    // ---- primitives ----

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private static JsonNode member(JsonNode object, String key) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value;
    }

    /** Checks that {@code node} is an object and, when {@code allowed} is given, reports every other field. */
    private JsonNode object(JsonNode node, String path, List<String> allowed) {
        if (node == null || !node.isObject()) {
            error(path, "must be an object, got " + describe(node));
            return null;
        }
        if (allowed != null) {
            for (String key : node.propertyNames()) {
                if (!allowed.contains(key)) {
                    error(child(path, key), "unknown field; allowed here: " + String.join(", ", allowed));
                }
            }
        }
        return node;
    }

    private JsonNode requiredObject(JsonNode parent, String key, String path, List<String> allowed) {
        JsonNode node = member(parent, key);
        if (node == null) {
            error(path, "is required (an object with " + String.join(", ", allowed) + ")");
            return null;
        }
        return object(node, path, allowed);
    }

    private String string(JsonNode parent, String key, String path, boolean required) {
        JsonNode node = member(parent, key);
        if (node == null) {
            if (required) {
                error(path, "is required (a string)");
            }
            return null;
        }
        if (!node.isString()) {
            error(path, "must be a string, got " + describe(node));
            return null;
        }
        return node.stringValue();
    }

    private Long integer(
            JsonNode parent, String key, String path, long min, long max, boolean required, String rangeNote) {
        JsonNode node = member(parent, key);
        String legal = "an integer in [" + min + ", " + max + "]" + rangeNote;
        if (node == null) {
            if (required) {
                error(path, "is required (" + legal + ")");
            }
            return null;
        }
        if (!node.isNumber()) {
            error(path, "must be " + legal + ", got " + describe(node));
            return null;
        }
        BigDecimal value = node.decimalValue();
        if (!isWhole(value)) {
            error(path, "must be " + legal + ", got " + node + " (not a whole number)");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            error(path, "must be " + legal + ", got " + node);
            return null;
        }
        return value.longValueExact();
    }

    private Double real(JsonNode node, String path) {
        if (!node.isNumber()) {
            error(path, "must be a number, got " + describe(node));
            return null;
        }
        double value = node.decimalValue().doubleValue();
        if (Double.isInfinite(value)) {
            error(path, "must be a finite number, got " + node);
            return null;
        }
        return value;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    private static boolean isPlainText(String text, int maxLength) {
        return !text.isBlank()
                && text.length() <= maxLength
                && text.codePoints().noneMatch(Character::isISOControl);
    }

    private static Set<String> keys(JsonNode object, String except) {
        Set<String> keys = new LinkedHashSet<>();
        if (object != null) {
            for (String key : object.propertyNames()) {
                if (!key.equals(except)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String unknown(String what, String value, List<String> known) {
        return "unknown " + what + " '" + value + "'; known: " + String.join(", ", known);
    }

    private static String legalSuffix(HyperparameterDefinition definition) {
        return definition == null ? "" : " in " + definition.rangeText();
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number (" + node + ")";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toString();
    }

    /** The hyperparameters of an arm's optimizer and the settings of its schedule, by name. */
    private record Settings(OptimizerDefinition optimizer, ScheduleDefinition schedule) {

        /** Both catalogs resolved, so a name found in neither is certainly wrong. */
        boolean complete() {
            return optimizer != null && schedule != null;
        }

        HyperparameterDefinition find(String name) {
            if (optimizer != null) {
                Optional<HyperparameterDefinition> found = optimizer.hyperparameter(name);
                if (found.isPresent()) {
                    return found.get();
                }
            }
            return schedule == null ? null : schedule.setting(name).orElse(null);
        }

        boolean rejects(String name) {
            return complete() && find(name) == null;
        }

        List<HyperparameterDefinition> all() {
            return Stream.concat(optimizer.hyperparameters().stream(), schedule.settings().stream())
                    .toList();
        }

        String unknownMessage(String name) {
            return "'" + name + "' is neither a hyperparameter of optimizer " + optimizer.name()
                    + " nor a setting of schedule " + schedule.type() + "; allowed: "
                    + all().stream().map(HyperparameterDefinition::name).collect(Collectors.joining(", "));
        }
    }
}
