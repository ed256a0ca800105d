package io.fairtune.worker.external;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line an external trainer writes to stdout, read strictly: a JSON object with exactly the protocol's fields,
 * nothing else on the line. Numbers may be non-finite, written as Python's {@code json} module writes them
 * ({@code NaN}, {@code Infinity}) or as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
sealed interface TrainerLine {

    /** {@code {"step": 10, "train_loss": 0.7, "val_loss": 0.8, "val_accuracy": 0.62}} */
    record Point(int step, double trainLoss, double validationLoss, double validationAccuracy) implements TrainerLine {}

    /** {@code {"result": {}}}, or {@code {"result": {"test_accuracy": 0.9, "test_loss": 0.3}}} on the test split. */
    record Result(Double testAccuracy, Double testLoss) implements TrainerLine {}

    List<String> POINT_FIELDS = List.of("step", "train_loss", "val_loss", "val_accuracy");
    Set<String> RESULT_FIELDS = Set.of("test_accuracy", "test_loss");

    JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static TrainerLine parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON object (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.has("result")) {
            if (node.size() != 1) {
                throw new IllegalArgumentException("a result line holds \"result\" alone");
            }
            JsonNode result = node.get("result");
            if (!result.isObject()) {
                throw new IllegalArgumentException("\"result\" must be an object");
            }
            for (String field : names(result)) {
                if (!RESULT_FIELDS.contains(field)) {
                    throw new IllegalArgumentException(
                            "unknown result field \"" + field + "\" (known: test_accuracy, test_loss)");
                }
            }
            return new Result(
                    result.has("test_accuracy") ? number(result, "test_accuracy") : null,
                    result.has("test_loss") ? number(result, "test_loss") : null);
        }
        for (String field : names(node)) {
            if (!POINT_FIELDS.contains(field)) {
                throw new IllegalArgumentException(
                        "unknown field \"" + field + "\" (a measurement has " + String.join(", ", POINT_FIELDS) + ")");
            }
        }
        for (String field : POINT_FIELDS) {
            if (!node.has(field)) {
                throw new IllegalArgumentException("missing \"" + field + "\"");
            }
        }
        JsonNode step = node.get("step");
        if (!step.isIntegralNumber() || !step.canConvertToInt()) {
            throw new IllegalArgumentException("\"step\" must be an integer, got " + step);
        }
        return new Point(
                step.intValue(), number(node, "train_loss"), number(node, "val_loss"), number(node, "val_accuracy"));
    }

    private static double number(JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            Double special = Map.of(
                            "NaN", Double.NaN,
                            "Infinity", Double.POSITIVE_INFINITY,
                            "-Infinity", Double.NEGATIVE_INFINITY)
                    .get(value.stringValue());
            if (special != null) {
                return special;
            }
        }
        throw new IllegalArgumentException("\"" + field + "\" must be a number, got " + value);
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        for (Iterator<String> it = object.propertyNames().iterator(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
