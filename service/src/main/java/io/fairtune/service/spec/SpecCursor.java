package io.fairtune.service.spec;

import io.fairtune.service.problem.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A node of a study spec at its path ({@code arms[1].space.learning_rate}). Reads typed fields and reports each
 * problem to the error list that every cursor of one spec shares, so the whole spec is checked in one pass. The node
 * is null when the field is absent.
 */
final class SpecCursor {

    private final List<FieldError> errors;
    private final JsonNode node;
    private final String path;

    private SpecCursor(List<FieldError> errors, JsonNode node, String path) {
        this.errors = errors;
        this.node = node;
        this.path = path;
    }

    static SpecCursor root(JsonNode document) {
        return new SpecCursor(new ArrayList<>(), document, "");
    }

    /** Every problem of the spec found so far, in the order found. */
    List<FieldError> errors() {
        return errors;
    }

    /** Sections compare counts to tell whether they found a problem of their own. */
    int errorCount() {
        return errors.size();
    }

    JsonNode node() {
        return node;
    }

    boolean isAbsent() {
        return node == null;
    }

    void error(String message) {
        errors.add(new FieldError(path, message));
    }

    /** Reports a problem at a field below this node: {@code key} may be a path itself ({@code space.momentum}). */
    void error(String key, String message) {
        errors.add(new FieldError(child(key), message));
    }

    /** A field of this object; JSON {@code null} counts as absent, as it does for every field of the structure. */
    SpecCursor field(String key) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(key);
        return new SpecCursor(errors, value == null || value.isNull() ? null : value, child(key));
    }

    /** A field as written, JSON {@code null} included: for settings and space entries, where null is an error. */
    SpecCursor rawField(String key) {
        return new SpecCursor(errors, node.get(key), child(key));
    }

    SpecCursor element(int index) {
        return new SpecCursor(errors, node.get(index), path + "[" + index + "]");
    }

    /** The field names of this object in document order, but {@code except}; none when it is not an object. */
    Set<String> keys(String except) {
        Set<String> keys = new LinkedHashSet<>();
        if (node != null && node.isObject()) {
            for (String key : node.propertyNames()) {
                if (!key.equals(except)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    /** Whether this present node is a non-empty array; reports it otherwise. */
    boolean isNonEmptyArray(String expected, String whenEmpty) {
        if (!node.isArray()) {
            error("must be " + expected + ", got " + describe(node));
            return false;
        }
        if (node.isEmpty()) {
            error(whenEmpty);
            return false;
        }
        return true;
    }

    /** This cursor if its node is an object, else null after reporting it. */
    SpecCursor object() {
        if (node == null || !node.isObject()) {
            error("must be an object, got " + describe(node));
            return null;
        }
        return this;
    }

    /** Like {@link #object()}, also reporting every field not in {@code allowed}. */
    SpecCursor object(List<String> allowed) {
        if (object() == null) {
            return null;
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                error(key, "unknown field; allowed here: " + String.join(", ", allowed));
            }
        }
        return this;
    }

    SpecCursor requiredObject(String key, List<String> allowed) {
        SpecCursor field = field(key);
        if (field.isAbsent()) {
            field.error("is required (an object with " + String.join(", ", allowed) + ")");
            return null;
        }
        return field.object(allowed);
    }

    String string(String key, boolean required) {
        SpecCursor field = field(key);
        if (field.isAbsent()) {
            if (required) {
                field.error("is required (a string)");
            }
            return null;
        }
        if (!field.node.isString()) {
            field.error("must be a string, got " + describe(field.node));
            return null;
        }
        return field.node.stringValue();
    }

    /** An integer field; any whole number ({@code 4}, {@code 4.0}, {@code 4e0}) counts, as in JSON Schema. */
    Long integer(String key, long min, long max, boolean required, String rangeNote) {
        SpecCursor field = field(key);
        String legal = "an integer in [" + min + ", " + max + "]" + rangeNote;
        if (field.isAbsent()) {
            if (required) {
                field.error("is required (" + legal + ")");
            }
            return null;
        }
        if (!field.node.isNumber()) {
            field.error("must be " + legal + ", got " + describe(field.node));
            return null;
        }
        BigDecimal value = field.node.decimalValue();
        if (!isWhole(value)) {
            field.error("must be " + legal + ", got " + field.node + " (not a whole number)");
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(max)) > 0) {
            field.error("must be " + legal + ", got " + field.node);
            return null;
        }
        return value.longValueExact();
    }

    /** This node as a finite double. */
    Double real() {
        if (!node.isNumber()) {
            error("must be a number, got " + describe(node));
            return null;
        }
        double value = node.decimalValue().doubleValue();
        if (Double.isInfinite(value)) {
            error("must be a finite number, got " + node);
            return null;
        }
        return value;
    }

    /** What {@code name}, read from field {@code key}, names in a catalog; null when it names nothing there. */
    <T> T lookup(String key, String name, String what, Function<String, Optional<T>> find, List<String> known) {
        if (name == null) {
            return null;
        }
        T found = find.apply(name).orElse(null);
        if (found == null) {
            error(key, unknown(what, name, known));
        }
        return found;
    }

    static String unknown(String what, String value, List<String> known) {
        return "unknown " + what + " '" + value + "'; known: " + String.join(", ", known);
    }

    /** The kind of a node for messages, with the value only for numbers. */
    static String describe(JsonNode node) {
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

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean isWhole(BigDecimal value) {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }
}
