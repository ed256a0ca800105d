package io.fairtune.service.sampling;

import io.fairtune.service.spec.ParameterSpace;
import io.fairtune.service.spec.ParameterSpace.Choice;
import io.fairtune.service.spec.ParameterSpace.Fixed;
import io.fairtune.service.spec.ParameterSpace.Range;

/** Turns a unit coordinate {@code u} in {@code [0, 1)} into a hyperparameter value. */
public final class SpaceMapping {

    private SpaceMapping() {}

    /** The value of {@code space} at {@code u}; a {@link Fixed} space has no dimension and ignores {@code u}. */
    public static Object value(ParameterSpace space, double u) {
        if (space instanceof Range range) {
            return range(range, u);
        }
        if (space instanceof Choice choice) {
            int n = choice.values().size();
            return choice.values().get(Math.min((int) Math.floor(u * n), n - 1));
        }
        return ((Fixed) space).value();
    }

    /**
     * Linear: {@code min + u (max - min)}. Log: {@code exp} of the linear map between {@code log min} and {@code
     * log max}. One-minus-log: {@code x = 1 - exp(v)} with {@code v} linear between {@code log(1 - min)} and
     * {@code log(1 - max)}, so {@code 1 - x} is log-uniform and {@code x} grows with {@code u} as on the other
     * scales. Results are clamped to {@code [min, max]} against rounding in {@code exp}/{@code log}.
     */
    public static double range(Range range, double u) {
        double min = range.min();
        double max = range.max();
        double x = switch (range.scale()) {
            case LINEAR -> min + u * (max - min);
            case LOG -> Math.exp(lerp(Math.log(min), Math.log(max), u));
            case ONE_MINUS_LOG -> -Math.expm1(lerp(Math.log1p(-min), Math.log1p(-max), u));
        };
        return Math.max(min, Math.min(max, x));
    }

    private static double lerp(double from, double to, double u) {
        return from + u * (to - from);
    }
}
