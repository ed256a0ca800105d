package io.fairtune.contract.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Settings checked against their {@link HyperparameterDefinition}s, with defaults filled in. Optimizers and
 * schedules read their values through this class, so an unknown name, a wrong type or an out-of-range value fails
 * the same way everywhere: an {@link IllegalArgumentException} with a one-line reason.
 *
 * <p>A definition marked required is only enforced when its value is read: the optimizer rules never read
 * {@code learning_rate} (the schedule supplies η_t), yet it is a legal name in their hyperparameter maps.
 */
public final class HyperparameterValues {

    private final String owner;
    private final Map<String, Object> values;

    private HyperparameterValues(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = values;
    }

    /**
     * Checks {@code given} against {@code definitions}.
     *
     * @param owner names the optimizer or schedule in error messages, e.g. {@code "optimizer lars"}
     * @param given values are a {@link Number} for real settings and a {@link Boolean} for flags; {@code null}
     *     means no values
     * @throws IllegalArgumentException for an unknown name, a wrong type or a value outside its range
     */
    public static HyperparameterValues resolve(
            String owner, List<HyperparameterDefinition> definitions, Map<String, ?> given) {
        Map<String, HyperparameterDefinition> byName =
                definitions.stream().collect(Collectors.toMap(HyperparameterDefinition::name, d -> d));
        Map<String, Object> values = new HashMap<>();
        for (HyperparameterDefinition definition : definitions) {
            if (definition.defaultValue() != null) {
                values.put(definition.name(), definition.defaultValue());
            }
        }
        Map<String, ?> provided = Objects.requireNonNullElse(given, Map.of());
        for (Map.Entry<String, ?> entry : provided.entrySet()) {
            HyperparameterDefinition definition = byName.get(entry.getKey());
            if (definition == null) {
                throw new IllegalArgumentException("unknown setting '" + entry.getKey() + "' for " + owner
                        + " (known: "
                        + String.join(", ", byName.keySet().stream().sorted().toList()) + ")");
            }
            values.put(definition.name(), checked(owner, definition, entry.getValue()));
        }
        return new HyperparameterValues(owner, values);
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

    private Object require(String name) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(owner + " needs a value for '" + name + "'");
        }
        return value;
    }
}
