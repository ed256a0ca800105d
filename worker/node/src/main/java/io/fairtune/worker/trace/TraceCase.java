package io.fairtune.worker.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One trace input, checked: the format of {@code examples/optimizer-vectors/*.json}. Either an optimizer case
 * ({@code optimizer}, {@code hyperparameters}, {@code params}, {@code gradients} and {@code learningRates} or a
 * {@code schedule}) or a schedule-only case ({@code schedule} and {@code steps}). Every problem is an {@link
 * IllegalArgumentException} with a one-line reason.
 *
 * @param optimizer {@code null} for a schedule-only case
 * @param learningRates one per gradient step, or {@code null} when the schedule supplies them
 * @param schedule {@code null} when {@code learningRates} are given
 * @param steps the schedule's training steps T: {@code steps} if given, else the number of gradient steps
 */
record TraceCase(
        String optimizer,
        Map<String, Object> hyperparameters,
        Map<String, Tensor> params,
        List<Map<String, double[]>> gradients,
        double[] learningRates,
        Schedule schedule,
        long steps) {

    /** Fields a trace file may hold; anything else is more likely a typo than a comment. */
    private static final Set<String> FIELDS = Set.of(
            "name",
            "description",
            "optimizer",
            "hyperparameters",
            "params",
            "gradients",
            "learningRates",
            "schedule",
            "steps",
            "expected");

    /** A parameter tensor's shape and row-major values. */
    record Tensor(long[] shape, double[] values) {}

    /** A schedule type and its settings, {@code learning_rate} included. */
    record Schedule(String type, Map<String, Object> settings) {}

    boolean scheduleOnly() {
        return optimizer == null;
    }

    static TraceCase parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the trace file must hold a JSON object");
        }
        for (String field : root.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: "
                        + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        Schedule schedule = root.has("schedule") ? schedule(root.get("schedule")) : null;
        Long steps = root.has("steps") ? positiveWhole(root.get("steps"), "steps") : null;
        if (!root.has("optimizer")) {
            return scheduleOnly(root, schedule, steps);
        }
        String optimizer = string(root.get("optimizer"), "optimizer");
        Map<String, Object> hyperparameters =
                root.has("hyperparameters") ? settings(root.get("hyperparameters"), "hyperparameters") : Map.of();
        Map<String, Tensor> params = params(require(root, "params"));
        List<Map<String, double[]>> gradients = gradients(require(root, "gradients"), params);
        double[] learningRates = null;
        if (root.has("learningRates") == (schedule != null)) {
            throw new IllegalArgumentException("give either 'learningRates' or 'schedule', not both or neither");
        }
        if (schedule == null) {
            learningRates = numbers(root.get("learningRates"), "learningRates");
            if (learningRates.length != gradients.size()) {
                throw new IllegalArgumentException(
                        learningRates.length + " learningRates for " + gradients.size() + " gradient steps");
            }
        } else if (steps != null && steps < gradients.size()) {
            throw new IllegalArgumentException(
                    "'steps' is " + steps + " but there are " + gradients.size() + " gradient steps");
        }
        long trainingSteps = steps != null ? steps : gradients.size();
        return new TraceCase(optimizer, hyperparameters, params, gradients, learningRates, schedule, trainingSteps);
    }

    private static TraceCase scheduleOnly(JsonNode root, Schedule schedule, Long steps) {
        for (String field : List.of("hyperparameters", "params", "gradients", "learningRates")) {
            if (root.has(field)) {
                throw new IllegalArgumentException("'" + field + "' given but no 'optimizer'");
            }
        }
        if (schedule == null || steps == null) {
            throw new IllegalArgumentException("a trace without 'optimizer' needs 'schedule' and 'steps'");
        }
        return new TraceCase(null, Map.of(), Map.of(), List.of(), null, schedule, steps);
    }

    private static Schedule schedule(JsonNode node) {
        Map<String, Object> settings = new LinkedHashMap<>(settings(node, "schedule"));
        Object type = settings.remove("type");
        if (!(type instanceof String name)) {
            throw new IllegalArgumentException("'schedule' needs a string 'type'");
        }
        return new Schedule(name, settings);
    }

    /** Numbers become {@link Double}, booleans {@link Boolean}; anything else is passed on to fail type checks. */
    private static Map<String, Object> settings(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("'" + field + "' must be an object");
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            Object converted;
            if (value.isNumber()) {
                converted = value.doubleValue();
            } else if (value.isBoolean()) {
                converted = value.booleanValue();
            } else if (value.isString()) {
                converted = value.stringValue();
            } else {
                converted = value.isNull() ? null : value.toString();
            }
            settings.put(entry.getKey(), converted);
        }
        return settings;
    }

    private static Map<String, Tensor> params(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw new IllegalArgumentException("'params' must be a non-empty object of {shape, values}");
        }
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String name = entry.getKey();
            JsonNode tensor = entry.getValue();
            if (!tensor.isObject()) {
                throw new IllegalArgumentException("param '" + name + "' must be an object {shape, values}");
            }
            JsonNode shapeNode = require(tensor, "shape", "param '" + name + "'");
            if (!shapeNode.isArray() || shapeNode.isEmpty()) {
                throw new IllegalArgumentException("shape of param '" + name + "' must be a non-empty array");
            }
            long[] shape = new long[shapeNode.size()];
            long length = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = positiveWhole(shapeNode.get(i), "shape of param '" + name + "'");
                length = Math.multiplyExact(length, shape[i]);
            }
            double[] values = numbers(require(tensor, "values", "param '" + name + "'"), "values of '" + name + "'");
            if (values.length != length) {
                throw new IllegalArgumentException("param '" + name + "' has shape " + Arrays.toString(shape) + " but "
                        + values.length + " values");
            }
            params.put(name, new Tensor(shape, values));
        }
        return params;
    }

    private static List<Map<String, double[]>> gradients(JsonNode node, Map<String, Tensor> params) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("'gradients' must be an array with one {name: values} per step");
        }
        List<Map<String, double[]>> steps = new ArrayList<>();
        for (int step = 0; step < node.size(); step++) {
            JsonNode gradient = node.get(step);
            String where = "gradients[" + step + "]";
            if (!gradient.isObject()) {
                throw new IllegalArgumentException(where + " must be an object {name: values}");
            }
            Map<String, double[]> byName = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> param : params.entrySet()) {
                String name = param.getKey();
                double[] values = numbers(require(gradient, name, where), where + "." + name);
                if (values.length != param.getValue().values().length) {
                    throw new IllegalArgumentException(where + "." + name + " has " + values.length
                            + " values but the param has " + param.getValue().values().length);
                }
                byName.put(name, values);
            }
            for (String name : gradient.propertyNames()) {
                if (!params.containsKey(name)) {
                    throw new IllegalArgumentException(where + " has a gradient for unknown param '" + name + "'");
                }
            }
            steps.add(byName);
        }
        return steps;
    }

    private static JsonNode require(JsonNode node, String field) {
        return require(node, field, "the trace");
    }

    private static JsonNode require(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException(where + " has no '" + field + "'");
        }
        return value;
    }

    private static String string(JsonNode node, String field) {
        if (!node.isString()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return node.stringValue();
    }

    private static double[] numbers(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of numbers");
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode value = node.get(i);
            if (!value.isNumber()) {
                throw new IllegalArgumentException(field + "[" + i + "] is not a number: " + value);
            }
            values[i] = value.doubleValue();
        }
        return values;
    }

    private static long positiveWhole(JsonNode node, String field) {
        if (!node.isNumber() || node.doubleValue() != Math.rint(node.doubleValue()) || node.doubleValue() < 1) {
            throw new IllegalArgumentException(field + " must be a whole number >= 1, got " + node);
        }
        return node.longValue();
    }
}
