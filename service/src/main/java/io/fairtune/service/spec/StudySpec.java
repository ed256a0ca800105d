package io.fairtune.service.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated study: one workload, several arms with an equal trial budget each, the search and the final seed
 * re-runs. Built by {@link StudySpecParser}, which fills every default, so consumers never see absent values.
 *
 * @param claims what the study sets out to show, judged in the report; empty when the spec states none
 * @param comparisons the candidate/baseline pairs the report compares exploratively (unadjusted, no verdict);
 *     every pair when the spec names neither comparisons nor claims
 * @param labels where the study came from (CI commit and branch, schedule, user tags); none when not given
 */
public record StudySpec(
        String name,
        String description,
        WorkloadSpec workload,
        Search search,
        Budget budget,
        FinalEvaluation finalEvaluation,
        List<ArmSpec> arms,
        List<Claim> claims,
        List<Comparison> comparisons,
        Labels labels) {

    public StudySpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(finalEvaluation, "finalEvaluation");
        arms = List.copyOf(arms);
        claims = List.copyOf(claims);
        comparisons = List.copyOf(comparisons);
        Objects.requireNonNull(labels, "labels");
    }

    public Optional<ArmSpec> arm(String armName) {
        return arms.stream().filter(a -> a.name().equals(armName)).findFirst();
    }

    /**
     * Every unordered pair once, in arm order: an earlier arm is the baseline of a later one, as specs list the
     * established optimizer first (nesterov before lars).
     */
    public static List<Comparison> everyPair(List<ArmSpec> arms) {
        List<Comparison> pairs = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            for (int j = i + 1; j < arms.size(); j++) {
                pairs.add(new Comparison(arms.get(j).name(), arms.get(i).name()));
            }
        }
        return List.copyOf(pairs);
    }

    /** How points are drawn; the seed makes the whole plan reproducible. */
    public record Search(SearchAlgorithm algorithm, long seed) {
        public Search {
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /**
     * @param trialsPerArm the equal tuning budget of every arm
     * @param maxParallelTrials how many of the study's trials may be queued at once
     * @param maxAttemptsPerTrial infrastructure retries (lost attempts) before a trial fails
     */
    public record Budget(int trialsPerArm, int maxParallelTrials, int maxAttemptsPerTrial) {}

    /** @param seeds fresh seeds the best point of each arm is re-trained with (0 skips the final phase) */
    public record FinalEvaluation(int seeds) {}

    /** An exploratory comparison: {@code candidate - baseline}, reported without a verdict. */
    public record Comparison(String candidate, String baseline) {
        public Comparison {
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(baseline, "baseline");
        }
    }
}
