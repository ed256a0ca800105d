package io.fairtune.service.spec;

import static io.fairtune.service.spec.SpecCursor.describe;

import io.fairtune.contract.catalog.HyperparameterDefinition;
import io.fairtune.service.spec.ParameterSpace.Choice;
import io.fairtune.service.spec.ParameterSpace.Fixed;
import io.fairtune.service.spec.ParameterSpace.Range;
import io.fairtune.service.spec.ParameterSpace.Scale;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads the values of an arm's hyperparameters and schedule settings: a value fixed in the schedule, and the three
 * forms of a space entry. Each value is checked against its definition, which is null for a setting no catalog defines
 * (when the arm's optimizer or schedule is itself unknown): such a value need only be a number or a boolean.
 */
final class SettingValues {

    private static final String SPACE_FORMS = "{\"min\", \"max\", \"scale\"}, {\"values\": [...]} or {\"value\": ...}";
    private static final List<String> RANGE_FIELDS = List.of("min", "max", "scale");

    private final Long trainingSteps;

    /** @param trainingSteps the workload's, to bound warmup_steps; null when invalid (reported there) */
    SettingValues(Long trainingSteps) {
        this.trainingSteps = trainingSteps;
    }

    /** A fixed value, Boolean or Double; null after reporting why it is not legal. */
    Object fixed(SpecCursor v, HyperparameterDefinition definition) {
        JsonNode node = v.node();
        if (definition == null) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isNumber()) {
                return v.real();
            }
            v.error("must be a number or a boolean, got " + describe(node));
            return null;
        }
        if (definition.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            if (!node.isBoolean()) {
                v.error("must be true or false (" + definition.name() + " is a boolean), got " + describe(node));
                return null;
            }
            return node.booleanValue();
        }
        if (!node.isNumber()) {
            v.error("must be a number in " + definition.rangeText() + ", got " + describe(node));
            return null;
        }
        Double value = v.real();
        if (value == null) {
            return null;
        }
        if (!definition.accepts(value)) {
            v.error("must be in " + definition.rangeText() + " for " + definition.name() + ", got " + node);
            return null;
        }
        if (definition.name().equals(ArmSettings.WARMUP_STEPS) && value != Math.rint(value)) {
            v.error("must be a whole number of steps for warmup_steps, got " + node);
            return null;
        }
        if (definition.name().equals(ArmSettings.WARMUP_STEPS) && trainingSteps != null && value > trainingSteps) {
            v.error("must be at most trainingSteps (" + trainingSteps + ") for warmup_steps, got " + node);
            return null;
        }
        return value;
    }

    /** A value as written, where JSON {@code null} is an error, not absence: a schedule setting or a choice. */
    Object given(SpecCursor v, HyperparameterDefinition definition) {
        if (v.node().isNull()) {
            v.error("must not be null");
            return null;
        }
        return fixed(v, definition);
    }

    /** A space entry {@code key}: fixed, a choice or a range, told apart by its fields. */
    ParameterSpace space(SpecCursor v, String key, HyperparameterDefinition definition) {
        JsonNode node = v.node();
        if (!node.isObject()) {
            v.error("must be an object: " + SPACE_FORMS + ", got " + describe(node));
            return null;
        }
        if (node.has("value")) {
            int before = v.errorCount();
            v.object(List.of("value"));
            SpecCursor value = v.field("value");
            if (value.isAbsent()) {
                value.error("must not be null");
                return null;
            }
            Object fixed = fixed(value, definition);
            return fixed == null || v.errorCount() > before ? null : new Fixed(fixed);
        }
        if (node.has("values")) {
            return choice(v, definition);
        }
        if (RANGE_FIELDS.stream().noneMatch(node::has)) {
            v.error("must be one of " + SPACE_FORMS + ", got fields " + v.keys(null));
            return null;
        }
        return range(v, key, definition);
    }

    private Range range(SpecCursor v, String key, HyperparameterDefinition definition) {
        int before = v.errorCount();
        v.object(RANGE_FIELDS);
        if (definition != null && definition.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            v.error(key + " is a boolean: give {\"value\": true|false} or {\"values\": [true, false]}, not a range");
            return null;
        }
        if (definition != null && definition.name().equals(ArmSettings.WARMUP_STEPS)) {
            // A range would sample fractional step counts; the fraction is the tunable form.
            v.error("warmup_steps counts steps: give {\"value\": n} or {\"values\": [...]}, or tune warmup_fraction");
            return null;
        }
        Double min = rangeEnd(v.field("min"), definition);
        Double max = rangeEnd(v.field("max"), definition);
        Scale scale = v.lookup(
                "scale",
                v.string("scale", true),
                "scale",
                Scale::fromSpecName,
                Arrays.stream(Scale.values()).map(Scale::specName).toList());
        if (scale == Scale.LOG && min != null && min <= 0) {
            v.error("min", "must be > 0 for scale log, got " + format(min));
            min = null;
        }
        if (scale == Scale.ONE_MINUS_LOG) {
            if (min != null && !(min > 0 && min < 1)) {
                v.error("min", "must be in (0, 1) for scale one_minus_log, got " + format(min));
                min = null;
            }
            if (max != null && !(max > 0 && max < 1)) {
                v.error("max", "must be in (0, 1) for scale one_minus_log, got " + format(max));
                max = null;
            }
        }
        if (min != null && max != null && min >= max) {
            v.error("min (" + format(min) + ") must be less than max (" + format(max)
                    + "); use {\"value\": ...} for a fixed value");
        }
        if (v.errorCount() > before || min == null || max == null || scale == null) {
            return null;
        }
        return new Range(min, max, scale);
    }

    private Double rangeEnd(SpecCursor end, HyperparameterDefinition definition) {
        String legal = definition == null ? "" : " in " + definition.rangeText();
        if (end.isAbsent()) {
            end.error("is required (a number" + legal + ")");
            return null;
        }
        if (!end.node().isNumber()) {
            end.error("must be a number" + legal + ", got " + describe(end.node()));
            return null;
        }
        return fixed(end, definition) instanceof Double d ? d : null;
    }

    private Choice choice(SpecCursor v, HyperparameterDefinition definition) {
        v.object(List.of("values"));
        SpecCursor values = v.field("values");
        if (values.isAbsent()) {
            values.error("must not be null");
            return null;
        }
        if (!values.isNonEmptyArray("a non-empty array", "must list at least one value")) {
            return null;
        }
        int before = v.errorCount();
        List<Object> parsed = new ArrayList<>();
        for (int i = 0; i < values.node().size(); i++) {
            SpecCursor element = values.element(i);
            Object value = given(element, definition);
            if (value == null) {
                continue;
            }
            if (!parsed.isEmpty() && parsed.get(0).getClass() != value.getClass()) {
                element.error("must have the type of the first value ("
                        + describe(values.node().get(0)) + ")");
            } else if (parsed.contains(value)) {
                element.error("duplicates an earlier value (" + element.node() + "); list each value once");
            }
            parsed.add(value);
        }
        return v.errorCount() > before ? null : new Choice(parsed);
    }

    private static String format(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toString();
    }
}
