package io.fairtune.service.spec;

import static io.fairtune.service.spec.StudySpecParser.DEFAULT_ATTEMPTS_PER_TRIAL;
import static io.fairtune.service.spec.StudySpecParser.MAX_ATTEMPTS_PER_TRIAL;
import static io.fairtune.service.spec.StudySpecParser.MAX_FINAL_SEEDS;
import static io.fairtune.service.spec.StudySpecParser.MAX_PARALLEL_TRIALS;
import static io.fairtune.service.spec.StudySpecParser.MAX_TRIALS_PER_ARM;

import io.fairtune.service.spec.StudySpec.Budget;
import io.fairtune.service.spec.StudySpec.FinalEvaluation;
import io.fairtune.service.spec.StudySpec.Search;
import java.util.Arrays;
import java.util.List;

/** Reads how the trials are drawn and how many run: {@code search}, {@code budget} and {@code finalEvaluation}. */
final class SearchSection {

    private static final List<String> SEARCH_FIELDS = List.of("algorithm", "seed");
    private static final List<String> BUDGET_FIELDS =
            List.of("trialsPerArm", "maxParallelTrials", "maxAttemptsPerTrial");
    private static final List<String> FINAL_FIELDS = List.of("seeds");

    private SearchSection() {}

    static Search search(SpecCursor study) {
        SpecCursor s = study.requiredObject("search", SEARCH_FIELDS);
        if (s == null) {
            return null;
        }
        SearchAlgorithm algorithm = s.lookup(
                "algorithm",
                s.string("algorithm", true),
                "search algorithm",
                SearchAlgorithm::fromSpecName,
                Arrays.stream(SearchAlgorithm.values())
                        .map(SearchAlgorithm::specName)
                        .toList());
        Long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE, true, " (a 64-bit integer)");
        return algorithm == null || seed == null ? null : new Search(algorithm, seed);
    }

    static Budget budget(SpecCursor study) {
        SpecCursor b = study.requiredObject("budget", BUDGET_FIELDS);
        if (b == null) {
            return null;
        }
        Long trialsPerArm = b.integer("trialsPerArm", 1, MAX_TRIALS_PER_ARM, true, "");
        Long maxParallel = b.integer("maxParallelTrials", 1, MAX_PARALLEL_TRIALS, true, "");
        Long maxAttempts = b.integer("maxAttemptsPerTrial", 1, MAX_ATTEMPTS_PER_TRIAL, false, "");
        if (maxAttempts == null && b.field("maxAttemptsPerTrial").isAbsent()) {
            maxAttempts = (long) DEFAULT_ATTEMPTS_PER_TRIAL;
        }
        if (trialsPerArm == null || maxParallel == null || maxAttempts == null) {
            return null;
        }
        return new Budget(trialsPerArm.intValue(), maxParallel.intValue(), maxAttempts.intValue());
    }

    static FinalEvaluation finalEvaluation(SpecCursor study) {
        SpecCursor f = study.requiredObject("finalEvaluation", FINAL_FIELDS);
        if (f == null) {
            return null;
        }
        Long seeds = f.integer("seeds", 0, MAX_FINAL_SEEDS, true, "");
        return seeds == null ? null : new FinalEvaluation(seeds.intValue());
    }
}
