package io.fairtune.service.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one hyperparameter or schedule setting of an arm is searched. Values are {@link Double} or {@link Boolean}.
 * {@link Range} and {@link Choice} each take one dimension of the search; {@link Fixed} takes none.
 */
public sealed interface ParameterSpace {

    /** Whether this takes a dimension of the quasi-random search. */
    boolean tuned();

    /** How a unit coordinate is spread over a {@link Range}. */
    enum Scale {
        LINEAR("linear"),
        LOG("log"),
        /** Tunes {@code 1 - x} on a log scale: for momentum and betas close to 1. */
        ONE_MINUS_LOG("one_minus_log");

        private final String specName;

        Scale(String specName) {
            this.specName = specName;
        }

        /** The spelling used in specs. */
        public String specName() {
            return specName;
        }

        public static Optional<Scale> fromSpecName(String name) {
            for (Scale scale : values()) {
                if (scale.specName.equals(name)) {
                    return Optional.of(scale);
                }
            }
            return Optional.empty();
        }
    }

    /** A real interval {@code [min, max]} with {@code min < max}, sampled on {@code scale}. */
    record Range(double min, double max, Scale scale) implements ParameterSpace {
        public Range {
            Objects.requireNonNull(scale, "scale");
        }

        @Override
        public boolean tuned() {
            return true;
        }
    }

    /** A finite set of values, each equally likely. */
    record Choice(List<Object> values) implements ParameterSpace {
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
        }

        @Override
        public boolean tuned() {
            return true;
        }
    }

    /** One value used by every trial. */
    record Fixed(Object value) implements ParameterSpace {
        public Fixed {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean tuned() {
            return false;
        }
    }
}
