package io.fairtune.service.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored arm's search space, read as it was stored: the three forms of a space entry, with no catalog check and
 * no rule of today's validation, which may be stricter than the one the study was accepted under. An entry this
 * cannot read (a form no version ever stored) is left out rather than failing the study's report.
 */
public final class StoredSpaces {

    private StoredSpaces() {}

    /** @param space the JSON object of the arm's space, as read from its column */
    public static Map<String, ParameterSpace> read(Map<String, Object> space) {
        Map<String, ParameterSpace> read = new LinkedHashMap<>();
        space.forEach((name, entry) -> {
            if (entry instanceof Map<?, ?> form) {
                ParameterSpace parsed = form(form);
                if (parsed != null) {
                    read.put(name, parsed);
                }
            }
        });
        return read;
    }

    private static ParameterSpace form(Map<?, ?> form) {
        if (form.containsKey("value") && form.get("value") != null) {
            return new ParameterSpace.Fixed(value(form.get("value")));
        }
        if (form.get("values") instanceof List<?> values && !values.isEmpty()) {
            return new ParameterSpace.Choice(
                    values.stream().map(StoredSpaces::value).toList());
        }
        if (form.get("min") instanceof Number min
                && form.get("max") instanceof Number max
                && form.get("scale") instanceof String scale) {
            return ParameterSpace.Scale.fromSpecName(scale)
                    .map(s -> (ParameterSpace) new ParameterSpace.Range(min.doubleValue(), max.doubleValue(), s))
                    .orElse(null);
        }
        return null;
    }

    /** Reals as {@link Double}, as the spec parser gives them. */
    private static Object value(Object value) {
        return value instanceof Number number ? (Object) number.doubleValue() : value;
    }
}
