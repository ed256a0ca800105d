package io.fairtune.service.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a study sets out to show about two of its arms, with d = candidate − baseline in accuracy (a fraction):
 * superiority (d > 0), non-inferiority (d > −margin) or equivalence (|d| < margin).
 *
 * @param margin δ, a fraction of accuracy ({@code 0.005} is half a point); 0 for superiority
 * @param k for {@link Basis#BEST_OF_K}: the number of tuning trials the expected best is taken over; else null
 */
public record Claim(String candidate, String baseline, Kind kind, double margin, Basis basis, Integer k) {

    public Claim {
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(basis, "basis");
        if ((basis == Basis.BEST_OF_K) != (k != null)) {
            throw new IllegalArgumentException("k is given exactly for best_of_k claims");
        }
    }

    /** The claim as a sentence: "nesterov is not worse than lars by more than 1.0 points". */
    public String statement() {
        String points = Points.of(margin);
        return switch (kind) {
            case SUPERIOR -> candidate + " is better than " + baseline;
            case NON_INFERIOR -> candidate + " is not worse than " + baseline + " by more than " + points + " points";
            case EQUIVALENT -> candidate + " is within " + points + " points of " + baseline;
        };
    }

    /** The question a claim asks. */
    public enum Kind {
        SUPERIOR("superior"),
        NON_INFERIOR("non_inferior"),
        EQUIVALENT("equivalent");

        private final String specName;

        Kind(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }

        public boolean needsMargin() {
            return this != SUPERIOR;
        }

        public static Optional<Kind> fromSpecName(String name) {
            return Arrays.stream(values()).filter(k -> k.specName.equals(name)).findFirst();
        }

        public static List<String> specNames() {
            return Arrays.stream(values()).map(Kind::specName).toList();
        }
    }

    /** What is compared. */
    public enum Basis {
        /** Test accuracy of each arm's best point re-trained with fresh seeds: a difference of means. */
        FINAL_PHASE("final_phase"),
        /** Expected best validation accuracy after k tuning trials (Dodge et al. 2019). */
        BEST_OF_K("best_of_k");

        private final String specName;

        Basis(String specName) {
            this.specName = specName;
        }

        public String specName() {
            return specName;
        }

        public static Optional<Basis> fromSpecName(String name) {
            return Arrays.stream(values()).filter(b -> b.specName.equals(name)).findFirst();
        }

        public static List<String> specNames() {
            return Arrays.stream(values()).map(Basis::specName).toList();
        }
    }
}
