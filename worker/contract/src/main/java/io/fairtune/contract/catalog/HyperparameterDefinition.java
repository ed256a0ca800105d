package io.fairtune.contract.catalog;

/**
 * One tunable or fixed setting: its spec name, its kind, the legal range and the value used when a spec
 * leaves it out. The service validates specs against these definitions and the worker applies the same
 * defaults, so both sides read one list.
 *
 * @param defaultValue a {@link Double} or {@link Boolean}; {@code null} when there is none
 * @param required whether a spec must give a value (no default and no fallback)
 */
public record HyperparameterDefinition(
        String name,
        Kind kind,
        double min,
        boolean minInclusive,
        double max,
        boolean maxInclusive,
        Object defaultValue,
        boolean required,
        String description) {

    /** Whether a value is a real number or a switch. */
    public enum Kind {
        REAL,
        BOOLEAN
    }

    public static HyperparameterDefinition real(
            String name,
            double min,
            boolean minInclusive,
            double max,
            boolean maxInclusive,
            Double defaultValue,
            String description) {
        return new HyperparameterDefinition(
                name, Kind.REAL, min, minInclusive, max, maxInclusive, defaultValue, defaultValue == null, description);
    }

    /** A real setting that may be left out and has no default (another setting stands in for it). */
    public static HyperparameterDefinition optionalReal(
            String name, double min, boolean minInclusive, double max, boolean maxInclusive, String description) {
        return new HyperparameterDefinition(
                name, Kind.REAL, min, minInclusive, max, maxInclusive, null, false, description);
    }

    public static HyperparameterDefinition flag(String name, boolean defaultValue, String description) {
        return new HyperparameterDefinition(name, Kind.BOOLEAN, 0, true, 1, true, defaultValue, false, description);
    }

    /** True when {@code value} lies in the legal range (real kinds only). */
    public boolean accepts(double value) {
        if (Double.isNaN(value)) {
            return false;
        }
        boolean aboveMin = minInclusive ? value >= min : value > min;
        boolean belowMax = maxInclusive ? value <= max : value < max;
        return aboveMin && belowMax;
    }

    /** The legal range in interval notation, for error messages. */
    public String rangeText() {
        if (kind == Kind.BOOLEAN) {
            return "true or false";
        }
        return (minInclusive ? "[" : "(") + format(min) + ", " + format(max) + (maxInclusive ? "]" : ")");
    }

    private static String format(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
