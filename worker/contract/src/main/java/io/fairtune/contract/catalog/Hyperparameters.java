package io.fairtune.contract.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Every value an arm's trial trains with, checked once against the catalog and completed with its defaults in one
 * place: reals as {@link Double}, flags as {@link Boolean}, in a fixed order (the schedule's base rate {@code
 * learning_rate}, the optimizer's hyperparameters, the schedule's other settings, each in catalog order). The
 * optimizer rule and the schedule read what they need from it by name; nothing else checks the values again.
 * Serialized as a plain JSON object.
 */
public final class Hyperparameters {

    private final String owner;
    private final Map<String, Object> values;

    private Hyperparameters(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * An arm's values: the optimizer's hyperparameters and the schedule's settings together.
     *
     * @param given a {@link Number} per real setting, a {@link Boolean} per flag; {@code null} for none
     * @throws IllegalArgumentException for an unknown name, a wrong type, a value outside its range or a required
     *     value missing
     */
    public static Hyperparameters of(OptimizerDefinition optimizer, ScheduleDefinition schedule, Map<String, ?> given) {
        return of(
                "optimizer " + optimizer.name() + " with schedule " + schedule.type(),
                definitions(optimizer, schedule),
                given);
    }

    /** The values of one owner alone (a rule or a schedule on its own, as the trace command uses them). */
    public static Hyperparameters of(String owner, List<HyperparameterDefinition> definitions, Map<String, ?> given) {
        Map<String, ?> provided = Objects.requireNonNullElse(given, Map.of());
        List<String> known =
                definitions.stream().map(HyperparameterDefinition::name).toList();
        for (String name : provided.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown setting '" + name + "' for " + owner + " (known: "
                        + known.stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (HyperparameterDefinition definition : definitions) {
            Object value = provided.containsKey(definition.name())
                    ? checked(owner, definition, provided.get(definition.name()))
                    : definition.defaultValue();
            if (value != null) {
                values.put(definition.name(), value);
            } else if (definition.required()) {
                throw new IllegalArgumentException(owner + " needs a value for '" + definition.name() + "'");
            }
        }
        return new Hyperparameters(owner, values);
    }

    /** The settings of an arm in their order: the base rate, the optimizer's, then the schedule's others. */
    public static List<HyperparameterDefinition> definitions(
            OptimizerDefinition optimizer, ScheduleDefinition schedule) {
        List<HyperparameterDefinition> all = new ArrayList<>();
        schedule.setting(ScheduleCatalog.LEARNING_RATE).ifPresent(all::add);
        all.addAll(optimizer.hyperparameters());
        schedule.settings().stream()
                .filter(s -> !s.name().equals(ScheduleCatalog.LEARNING_RATE))
                .forEach(all::add);
        return List.copyOf(all);
    }

    private static Object checked(String owner, HyperparameterDefinition definition, Object value) {
        String name = definition.name();
        if (definition.kind() == HyperparameterDefinition.Kind.BOOLEAN) {
            if (value instanceof Boolean flag) {
                return flag;
            }
            throw new IllegalArgumentException(
                    "'" + name + "' for " + owner + " must be true or false, got " + describe(value));
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(
                    "'" + name + "' for " + owner + " must be a number, got " + describe(value));
        }
        double real = number.doubleValue();
        if (!definition.accepts(real)) {
            throw new IllegalArgumentException(
                    "'" + name + "' for " + owner + " is " + real + ", outside " + definition.rangeText());
        }
        return real;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }

    /** A real setting's value, given or default. */
    public double real(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** A real setting that may be absent and has no default (e.g. {@code warmup_steps}). */
    public OptionalDouble optionalReal(String name) {
        Object value = values.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(((Number) value).doubleValue());
    }

    /** A flag's value, given or default. */
    public boolean flag(String name) {
        return (Boolean) require(name);
    }

    /** Name to value, in order: what is stored and sent over the wire. */
    @JsonValue
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(owner + " has no value for '" + name + "'");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hyperparameters h && h.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
